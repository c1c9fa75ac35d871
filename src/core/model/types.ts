/**
 * The data model shared by every stage (discover → check → probe → plan fixes) and every renderer.
 * Nothing here prints or decides wording: prose lives in `catalog.ts`, keyed by `Code`.
 */
import type { ArgsOf, Code } from './catalog.js';
import type { Effect, Evidence, Severity } from './evidence.js';

export type { Effect, Evidence, Severity } from './evidence.js';

/** Where a finding points: a file and, when it is JSON, a path into it resolved to line:column. */
export interface Location {
  /** Absolute path. */
  file: string;
  /** JSON pointer segments into the document ([] = the whole file). */
  pointer?: (string | number)[];
  line?: number;
  column?: number;
}

/**
 * A repair expressed as data, produced by the check that found the problem. One applier (`core/fix/`)
 * executes these after the user agrees; checks never write. The kinds that run other programs (venv, npm,
 * build) are applied only when their option allows (`gateOf` in core/fix/gates.ts).
 */
export type FixPlan =
  | {
      kind: 'symlink';
      /** The link to create (must be absent or a dangling link). */
      path: string;
      /** What it should point to (an absolute path, already validated as a healthy venv). */
      target: string;
    }
  /** Adds the execute bit for the classes that can already read the file. */
  | { kind: 'chmod'; path: string; mode: number }
  /** Rewrites a script's CRLF line endings to LF (the old bytes are kept in the journal). */
  | { kind: 'line-endings'; path: string }
  | {
      kind: 'venv-create';
      /** Where the venv is created: the venv path itself, or the folder its dangling link points to. */
      path: string;
      /** The venv path the command uses (differs from `path` when it is a link). */
      venv: string;
      /** What is there now: nothing, or a broken venv that is moved aside into the journal first. */
      replaces: 'nothing' | 'broken-venv';
      /** What to install from, found next to the venv; null when there is nothing to install. */
      requirements: { kind: 'requirements' | 'pyproject'; file: string } | null;
    }
  | { kind: 'npm-install'; dir: string; lockfile: string | null }
  | {
      kind: 'build';
      /** The folder the build runs in (the one holding go.mod, Cargo.toml, package.json or the Makefile). */
      dir: string;
      /** Commands run in order, without a shell. */
      steps: string[][];
      toolchain: string;
      /** The file that must exist afterwards. */
      output: string;
    };

/** What a check returns for code C: the facts its catalog entry declares, where; wording comes from the catalog. */
export interface FindingInputOf<C extends Code> {
  code: C;
  /** Overrides the catalog's default severity (e.g. a toolchain that a guarded branch may not need). */
  severity?: Severity;
  location?: Location;
  /** Facts the catalog turns into words; also printed as evidence. Never holds a secret. */
  args?: ArgsOf<C>;
  fix?: FixPlan;
  /** What Claude Code does because of it, when that is more than the catalog's default (see `Effect`). */
  effect?: Effect;
}

/** Any code's finding input: a union by code, so a literal's `args` are checked against its code's entry. */
export type FindingInput = { [C in Code]: FindingInputOf<C> }[Code];

/** A finding once it is recorded: which server and plugin it concerns; its args are no longer narrowed by code. */
export interface Finding {
  code: Code;
  severity: Severity;
  location?: Location;
  args?: Evidence;
  fix?: FixPlan;
  effect?: Effect;
  /** `plugin:<p>:<s>` (or the scope-specific id) of the server it concerns, else null. */
  server: string | null;
  /** `name@marketplace` of the plugin it concerns, else null. */
  plugin: string | null;
  /** Set when the probe's symptom was explained by a static root cause (e.g. a dangling venv). */
  causedBy?: Code;
  /** A static error the probe did not confirm (the server answered): kept as a warning, see report/probe-judge.ts. */
  contradictedByProbe?: boolean;
}

export type Scope = 'plugin' | 'user' | 'local' | 'project' | 'author';
export type Transport = 'stdio' | 'http' | 'sse' | 'ws' | 'mcpb' | 'unknown';
export type ServerStatus = 'ok' | 'degraded' | 'failed' | 'disabled' | 'skipped';

/** One parsed JSON file with the means to turn a pointer into line:column. */
export interface JsonDocument {
  file: string;
  kind: DocumentKind;
  value: unknown;
  /** The file starts with a UTF-8 byte-order mark (read past here; fatal to Claude Code for some kinds). */
  bom?: boolean;
  /** 1-based line and column of the value at `pointer`, or of its nearest existing parent. */
  locate(pointer: (string | number)[]): { line: number; column: number };
}

export type DocumentKind =
  | 'plugin-manifest'
  | 'marketplace-manifest'
  | 'plugin-mcp-config'
  | 'project-mcp-config'
  | 'user-state'
  | 'settings'
  | 'known-marketplaces'
  | 'installed-plugins'
  /** mcp-doctor's own project settings (.mcp-doctor.json). */
  | 'doctor-settings'
  /** A plugin's `.lsp.json` or the LSP servers file plugin.json names. */
  | 'plugin-lsp-config'
  /** A plugin's hooks/hooks.json or the hooks file plugin.json names. */
  | 'plugin-hooks';

/** A raw MCP server entry as found, before expansion. */
export interface ServerConfig {
  type?: unknown;
  command?: unknown;
  args?: unknown;
  env?: unknown;
  url?: unknown;
  headers?: unknown;
  [key: string]: unknown;
}

export interface ExpandedServer {
  command?: string;
  args: string[];
  env: Record<string, string>;
  url?: string;
  headers: Record<string, string>;
  /** `${VAR}` references left literal because VAR is unset and has no default, with where they sit. */
  unsetVars: { name: string; pointer: (string | number)[] }[];
  /** `${user_config.KEY}` references with no known value (Claude Code then refuses to start the server). */
  userConfigUnset: { key: string; pointer: (string | number)[] }[];
}

/** An MCP server, or a plugin's LSP server (started by Claude Code only when a matching file is touched). */
export type ServerKind = 'mcp' | 'lsp';

export interface ServerEntry {
  id: string;
  name: string;
  /** Absent means 'mcp'. */
  kind?: ServerKind;
  scope: Scope;
  /** `name@marketplace`, for plugin servers. */
  plugin: string | null;
  pluginName: string | null;
  marketplace: string | null;
  /** What `${CLAUDE_PLUGIN_ROOT}` becomes; null outside plugins. */
  root: string | null;
  transport: Transport;
  /** Where the entry is defined. */
  source: Location;
  config: ServerConfig;
  expanded: ExpandedServer;
  enabled: boolean;
  /**
   * Why it is not started (disabled plugin, bundle, a file Claude Code drops, an option it needs, …), as a
   * short machine word. Servers with a skip reason are never probed.
   */
  skipReason?: SkipReason;
  /**
   * Why Claude Code leaves it off although its plugin is enabled: switched off for this project, waiting for
   * approval, or suppressed as a duplicate. Such a server is `enabled: false`; `--all` still checks it.
   */
  inactive?: InactiveReason;
}

export type SkipReason =
  | 'plugin-disabled'
  | 'bundle'
  | 'unsupported-transport'
  | 'invalid-entry'
  /** Its file is one Claude Code cannot parse (a BOM in a plugin .mcp.json, an unreadable registry). */
  | 'file-dropped'
  /** A `${user_config.KEY}` it needs has no value: Claude Code does not start it. */
  | 'user-config-unset'
  /** A sensitive option may be in the OS keychain, which mcp-doctor does not read. */
  | 'user-config-keychain';

export type InactiveReason =
  /** `disabledMcpServers` in `~/.claude.json` projects[<dir>]: "⊘ Disabled for this project". */
  | 'disabled-for-project'
  /** `disabledMcpjsonServers` in a settings layer: Claude Code hides the project server entirely. */
  | 'mcpjson-disabled'
  /** A project `.mcp.json` server nobody approved: "⏸ Pending approval". */
  | 'pending-approval'
  /** A plugin server with the same command or URL as one that loads before it. */
  | 'duplicate';

export interface PluginEntry {
  /** `name@marketplace`, or the folder name in author mode. */
  id: string;
  name: string;
  marketplace: string | null;
  /** The folder the plugin is loaded from, or null if it could not be determined. */
  root: string | null;
  /** Where `root` came from: read in place from a directory marketplace, the cache, or a source tree. */
  rootKind: 'in-place' | 'cache' | 'source';
  rootExists: boolean;
  enabled: boolean;
  /** The settings file (or manifest default) that decided `enabled`. */
  enabledBy: string;
  version: string | null;
  manifest: JsonDocument | null;
  /** installed_plugins.json location of the install record, when installed. */
  installRecord?: Location & { installPath: string; lastUpdated?: string | null; /** As written, before resolving. */ rawInstallPath?: string; /** The marketplace commit the install was copied from. */ gitCommitSha?: string | null };
  /** The marketplace entry that declares it (author mode and directory marketplaces). */
  marketplaceEntry?: Location & { pointer: (string | number)[]; source: unknown };
  /** The same plugin's folder inside the marketplace clone, when it differs from root (cache installs). */
  cloneRoot?: string | null;
}

export interface MarketplaceEntry {
  name: string;
  /** `directory`, `github`, `git`, … or `author` for a repo checked by path. */
  sourceKind: string;
  installLocation: string | null;
  exists: boolean;
  manifest: JsonDocument | null;
  registryLocation?: Location;
  /** known_marketplaces.json `lastUpdated`: when Claude Code last refreshed it. */
  lastUpdated?: string | null;
}

/** Everything discovery found; checks read it, nothing mutates it afterwards. */
export interface Inventory {
  mode: 'installed' | 'author';
  configDir: string;
  projectDir: string;
  marketplaces: MarketplaceEntry[];
  plugins: PluginEntry[];
  servers: ServerEntry[];
  documents: JsonDocument[];
  /** Findings raised while reading (unparsable files, missing registries …). */
  findings: Finding[];
  /** The environment a Claude Code session runs with (the shell's, with settings `env` merged over it). */
  sessionEnv: SessionEnv;
  /** Credentials discovery read (sensitive plugin options): redacted by value wherever they turn up. */
  secrets: { value: string; label: string }[];
}

/** Where a settings `env` value came from. */
export interface EnvOrigin {
  layer: 'global-state' | 'user' | 'project' | 'local' | 'managed';
  file: string;
  pointer: (string | number)[];
  line?: number;
  column?: number;
}

export interface SessionEnv {
  /** Variable → value, as a trusted interactive session sees it (expansion and the servers' inherited env). */
  values: Record<string, string | undefined>;
  /** Variables some settings layer sets: the layer that wins, and whether only project/local settings set it. */
  fromSettings: Map<string, EnvOrigin & { onlyProjectOrLocal: boolean }>;
}

export interface ReportServer {
  id: string;
  name: string;
  /** 'lsp' for a plugin's language server; 'mcp' otherwise. */
  kind: ServerKind;
  plugin: string | null;
  marketplace: string | null;
  scope: Scope;
  root: string | null;
  transport: Transport;
  command: string | null;
  args: string[];
  url: string | null;
  envKeys: string[];
  /** The server's own env entries: plain values (paths, numbers, flag words) as they are, the rest as their shape. */
  env: Record<string, string>;
  source: Location;
  status: ServerStatus;
  skipReason: string | null;
  /** What starting it showed (null with --no-probe or when it was not started). */
  probe: ReportProbe | null;
  /** The last error Claude Code itself logged for this server, if its MCP logs have one. */
  claudeLog: { file: string; timestamp: string | null; error: string } | null;
  findings: ReportFinding[];
}

export type ReportProbe = import('./probe-types.js').ProbeResult;

export interface ReportFinding {
  code: Code;
  severity: Severity;
  message: string;
  hint: string;
  server: string | null;
  plugin: string | null;
  file: string | null;
  line: number | null;
  column: number | null;
  pointer: string | null;
  evidence: Evidence;
  fixable: boolean;
  fix: FixPlan | null;
  causedBy: Code | null;
  /** Set when the finding changes what Claude Code loads (see `Effect`); absent otherwise. */
  effect?: Effect;
  /** A static error the server's probe did not confirm (it answered), kept as a warning. */
  contradictedByProbe?: true;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'mcp-doctor'; version: string };
  mode: 'installed' | 'author';
  configDir: string;
  projectDir: string;
  generatedAt: string;
  probe: boolean;
  summary: {
    marketplaces: number;
    plugins: number;
    servers: number;
    ok: number;
    degraded: number;
    failed: number;
    disabled: number;
    skipped: number;
    errors: number;
    warnings: number;
  };
  marketplaces: { name: string; source: string; location: string | null; exists: boolean }[];
  plugins: {
    id: string;
    name: string;
    marketplace: string | null;
    root: string | null;
    rootKind: string;
    enabled: boolean;
    enabledBy: string;
    version: string | null;
    /** Whether Claude Code loads it (installed or not), from the findings about it: see report/plugin-load.ts. */
    load: PluginLoad;
  }[];
  servers: ReportServer[];
  findings: ReportFinding[];
  /** Present with --fix: what was planned, what happened to each change, and each touched server before → after. */
  fixes?: FixSection;
}

/** A plugin's load verdict as Claude Code decides it; `reason` is the code of the finding that decides it. */
export interface PluginLoad {
  verdict: 'loads' | 'loads-with-errors' | 'refused';
  reason: Code | null;
  /** How many findings `/plugin` counts as this plugin's errors. */
  errors: number;
}

export type FixStatus = 'planned' | 'applied' | 'skipped' | 'failed';

export interface FixSection {
  dryRun: boolean;
  /** The journal `mcp-doctor undo` reverts, or null when nothing changed. */
  journal: string | null;
  changes: {
    id: string;
    kind: FixPlan['kind'];
    /** One line: what it does and where. */
    description: string;
    /** The finding that asked for it. */
    code: Code;
    server: string | null;
    servers: string[];
    plugin: string | null;
    /** The option it needs beyond --fix (--rebuild-venvs, --install-deps, --build), or null. */
    option: string | null;
    status: FixStatus;
    reason: string | null;
    output: string[];
  }[];
  /** Steps mcp-doctor does not take itself. */
  manual: { code: Code; server: string | null; plugin: string | null; message: string; step: string }[];
  servers: { id: string; name: string; before: ServerStatus; after: ServerStatus }[];
}

/**
 * Events the core emits as it works, so a live renderer can draw progress. They carry report rows, which are
 * already redacted and terminal-safe: a renderer never sees a raw config value or raw server output.
 */
export type DoctorEvent =
  /** Everything found, before any check: every server as a row, and which of them will be checked. */
  | { type: 'discovered'; report: Report; pending: string[] }
  /** A server's process was started (or its remote endpoint contacted). */
  | { type: 'probe-start'; id: string }
  /**
   * A server's static checks are finished and its probe still runs: its row with the static findings, a
   * provisional verdict (the probe may still confirm or overrule it). Only for servers that are probed.
   */
  | { type: 'server-checked'; server: ReportServer }
  /** A server's checks and probe are finished; its row is final. */
  | { type: 'server-done'; server: ReportServer }
  | { type: 'done'; report: Report };
