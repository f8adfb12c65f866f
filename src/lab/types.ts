// What a lab is once loaded: the YAML file's content, checked and typed. The loader (load.ts)
// is the only place that builds these; every other module can trust them (paths are safe,
// regular expressions compile, points are whole numbers).

/** A path inside the workspace, already checked by safety.ts: relative, no `..`, no `.kwb/`. */
export type WsPath = string & { readonly __wsPath: unique symbol };

/** A file put into the workspace whole. */
export interface FileContent {
  path: WsPath;
  content: string;
}

/** A textual patch: replace one exact occurrence of `find`, or append text at the end. */
export type FilePatch =
  | { path: WsPath; kind: 'replace'; find: string; replace: string }
  | { path: WsPath; kind: 'append'; text: string }
  | { path: WsPath; kind: 'delete' };

export interface Overlay {
  files: FileContent[];
  patches: FilePatch[];
}

/** Where a check came from in the YAML, for located messages at grading time. */
export interface Origin {
  file: string;
  line: number;
  col: number;
}

export type TableArch = 'x86_64' | 'i386';

/** The kind-specific part of a check. */
export type CheckSpec =
  | { kind: 'file-exists'; path: WsPath; exists: boolean }
  | { kind: 'file-contains'; path: WsPath; text: string }
  | { kind: 'file-matches'; path: WsPath; pattern: RegExp }
  | { kind: 'table'; arch: TableArch; number: number; name?: string; entry?: string; abi?: string; valid: boolean }
  | { kind: 'build-ok' }
  | { kind: 'build-fails'; contains?: string; pattern?: RegExp }
  | { kind: 'symbol'; name: string; type?: string }
  | { kind: 'run'; program: WsPath; args: string[]; input?: string; output?: string; outputPattern?: RegExp; status?: number }
  | { kind: 'dmesg'; contains?: string; pattern?: RegExp; level?: number; absent: boolean }
  | { kind: 'all'; checks: Check[] }
  | { kind: 'any'; checks: Check[] }
  | { kind: 'not'; check: Check };

export interface Check {
  /** Unique within the lab (given, or derived from the step and position). */
  id: string;
  description: string;
  points: number;
  spec: CheckSpec;
  /** The reason code and student message used when the check fails (override the defaults). */
  reason?: string;
  message?: string;
  origin: Origin;
}

/** Hints for one step: reason code → tiers, revealed one at a time. */
export type Hints = Record<string, string[]>;

export interface Step {
  title: string;
  instructions: string;
  files: WsPath[];
  checks: Check[];
  hints: Hints;
}

export interface Lab {
  id: string;
  title: string;
  summary: string;
  kernel: string;
  /** The YAML file the lab was loaded from (absolute). */
  file: string;
  /** Declared total, checked against the checks' points by the loader. */
  points: number;
  start: Overlay;
  /** The make targets run when a workspace is started (default: defconfig). */
  configure: string[];
  steps: Step[];
  final: Check[];
  finalHints: Hints;
  solution: Overlay;
}

export interface LabSummary {
  id: string;
  title: string;
  summary: string;
  points: number;
  file: string;
}

export interface CheckResult {
  id: string;
  description: string;
  passed: boolean;
  /** Reason code (for hints), when failed. */
  reason?: string;
  /** Written for a student, when failed. */
  message?: string;
  points: number;
}

export interface StepResult {
  index: number;
  title: string;
  instructions: string;
  files: string[];
  checks: CheckResult[];
  passed: boolean;
}

export interface GradeReport {
  lab: { id: string; title: string };
  steps: StepResult[];
  final: CheckResult[];
  points: { earned: number; total: number };
  /** The first step not yet passed (0-based), or null when every step passes. */
  currentStep: number | null;
  complete: boolean;
}

export type GradeEvent =
  | { type: 'build-start' }
  | { type: 'build-done'; ok: boolean }
  | { type: 'run-start'; program: string; args: string[] }
  | { type: 'run-done'; program: string; status: number }
  | { type: 'check'; step: number | null; result: CheckResult };

export interface Hint {
  reason: string;
  tier: number;
  tiers: number;
  text: string;
}

export interface ValidationReport {
  file: string;
  ok: boolean;
  /** Located problems (file.yaml:LINE:COL: error: ...) and failed proofs, one per line. */
  errors: string[];
  /** The starting state's and the solution's grades (absent when the lab did not load). */
  start?: GradeReport;
  solved?: GradeReport;
}
