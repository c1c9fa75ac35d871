/** The tools this server offers, in the order tools/list shows them. */
import { diagnoseTool } from './diagnose.js';
import { explainTool } from './explain.js';
import { fixPlanTool } from './fix-plan.js';
import type { McpTool } from './define-tool.js';

export const tools: readonly McpTool[] = [diagnoseTool, explainTool, fixPlanTool];
