import { ensureBuild } from '../../scripts/ensure-build';

/** The specs drive the built app; build it first unless `out/` is already fresh. */
export default function globalSetup(): void {
  ensureBuild();
}
