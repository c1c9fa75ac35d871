/** Catalog codes server.*: How a session treats a server: disabled, pending approval, duplicates, bundles. */
import { entry, s, q, type CatalogEntry } from './words.js';

export const serverCodes = {
  'server.disabled-for-project': entry({
    args: ['key', 'project'],
    title: 'Server disabled for this project',
    severity: 'info',
    fixable: false,
    explain:
      'The project\'s entry in ~/.claude.json lists the server in disabledMcpServers (the /mcp "Disable" switch). ' +
      'Claude Code shows "⊘ Disabled for this project" and does not start it; mcp-doctor does not either (--all checks it).',
    message: (a) => `Disabled for this project: disabledMcpServers in ~/.claude.json lists ${q(a.key)}; Claude Code does not start it.`,
    hint: () => 'Re-enable it from /mcp in Claude Code (or remove it from disabledMcpServers).',
  }),
  'server.mcpjson-disabled': entry({
    args: ['file', 'name'],
    title: 'Project server turned off in settings',
    severity: 'info',
    fixable: false,
    explain:
      'disabledMcpjsonServers in a settings file (or the project\'s entry in ~/.claude.json) names this .mcp.json ' +
      'server. Claude Code leaves it out of /mcp and `claude mcp list` altogether, whatever approves it elsewhere.',
    message: (a) => `disabledMcpjsonServers in ${s(a.file)} lists ${q(a.name)}: Claude Code hides it and does not start it.`,
    hint: (a) => `Remove ${q(a.name)} from disabledMcpjsonServers in ${s(a.file)} to use it.`,
  }),
  'server.pending-approval': entry({
    args: ['name', 'project', 'stateFile', 'untrustedApproval'],
    title: 'Project server waits for approval',
    severity: 'info',
    fixable: false,
    explain:
      'A server from a project .mcp.json starts only once approved: enabledMcpjsonServers or enableAllProjectMcpServers ' +
      'in ~/.claude/settings.json (always counts), or in .claude/settings.json / .claude/settings.local.json (counts only ' +
      'when this exact folder is trusted: hasTrustDialogAccepted in ~/.claude.json; a parent folder\'s trust does not ' +
      'count). Until then Claude Code shows "⏸ Pending approval" and does not start it.',
    message: (a) =>
      a.untrustedApproval
        ? `${q(a.name)} is approved in ${s(a.untrustedApproval)}, but that counts only once ${s(a.project)} itself is trusted; Claude Code shows it as pending approval and does not start it.`
        : `${q(a.name)} is a project server nobody approved: Claude Code shows "Pending approval" and does not start it.`,
    hint: (a) => `Run claude in ${s(a.project)} and approve it (or accept the trust dialog), or list it in enabledMcpjsonServers in ~/.claude/settings.json.`,
  }),
  'server.duplicate': entry({
    args: ['by', 'duplicateFile', 'duplicateOf', 'duplicateOfScope', 'manual'],
    title: 'Plugin server suppressed as a duplicate',
    severity: 'info',
    fixable: false,
    explain:
      'Claude Code drops a plugin server whose command and args (stdio) or URL (http/sse) equal those of a server you ' +
      'configured yourself, or of an earlier plugin\'s server (plugins count in the order of enabledPlugins in ' +
      'settings.json), whatever the names. It is missing from /mcp; the other one runs. mcp-doctor does not start it.',
    message: (a) =>
      `Claude Code suppresses it: same ${a.by === 'url' ? 'URL' : 'command and args'} as ${q(a.duplicateOf)}${a.manual ? ` (your ${s(a.duplicateOfScope)}-scope server)` : ', which loads first'}.`,
    hint: (a) => `Look for ${q(a.duplicateOf)} in /mcp; it provides these tools. To keep both, make their ${a.by === 'url' ? 'URLs' : 'args'} differ.`,
  }),
  'server.bundle-not-checked': entry({
    args: ['bundle'],
    title: 'MCP bundle is not checked',
    severity: 'info',
    fixable: false,
    explain: 'The plugin ships MCP servers as an .mcpb/.dxt bundle. mcp-doctor lists it but does not unpack it.',
    message: (a) => `${q(a.bundle)} is an MCP bundle; its servers are not checked.`,
    hint: () => 'Run claude mcp list to see whether its servers connect.',
  }),
} satisfies Record<string, CatalogEntry>;
