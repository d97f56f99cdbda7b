import { api } from '../../api';
import { useApiData } from '../../components/use-api-data';

const loadSampleStatus = () => api['sample.status']({});

/** Whether the database is still empty, the only time sample data can be loaded (false while asking). */
export function useDatabaseEmpty(): boolean {
  return useApiData(loadSampleStatus).data?.empty === true;
}
