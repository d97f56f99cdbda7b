import fs from 'node:fs';
import path from 'node:path';
import { ScenarioRecorder } from './report/bench-report';

export type BenchMode = 'full' | 'quick';

/** The sizes of every scenario; `--quick` shrinks them so the whole run takes under a minute. */
export interface BenchSizes {
  check: { clients: number; profiles: number; resellers: number; perClientSlice: number };
  dispatch: { emails: number };
  fault: { emails: number; kills: number };
  interchange: { clients: number; profiles: number; resellers: number; repetitions: number };
  renderer: {
    profiles: { small: number; large: number };
    clients: { small: number; large: number };
    repetitions: number;
  };
}

const SIZES: Record<BenchMode, BenchSizes> = {
  full: {
    check: { clients: 1_000_000, profiles: 50, resellers: 10, perClientSlice: 10_000 },
    dispatch: { emails: 10_000 },
    fault: { emails: 10_000, kills: 5 },
    interchange: { clients: 100_000, profiles: 1_000, resellers: 20, repetitions: 3 },
    renderer: {
      profiles: { small: 10, large: 10_000 },
      clients: { small: 100, large: 100_000 },
      repetitions: 5,
    },
  },
  quick: {
    check: { clients: 20_000, profiles: 50, resellers: 10, perClientSlice: 2_000 },
    dispatch: { emails: 1_000 },
    fault: { emails: 1_000, kills: 5 },
    interchange: { clients: 10_000, profiles: 100, resellers: 20, repetitions: 1 },
    renderer: {
      profiles: { small: 10, large: 1_000 },
      clients: { small: 100, large: 10_000 },
      repetitions: 3,
    },
  },
};

/** What every scenario receives. */
export interface BenchContext {
  mode: BenchMode;
  sizes: BenchSizes;
  /** A scratch folder of this run (datasets, databases), removed at the end unless --keep. */
  workDir: string;
  recorder(id: string, title: string, method: string): ScenarioRecorder;
  /** A fresh, empty folder under the scratch folder. */
  scratch(name: string): string;
}

export function createBenchContext(
  mode: BenchMode,
  workDir: string,
  print: (line: string) => void,
): BenchContext {
  return {
    mode,
    sizes: SIZES[mode],
    workDir,
    recorder: (id, title, method) => new ScenarioRecorder(id, title, method, print),
    scratch(name) {
      const dir = path.join(workDir, name);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    },
  };
}
