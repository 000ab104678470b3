import { Visitor, type ESTree, type Plugin } from 'vite';

/**
 * Drops sip.js's `logger.warn/log/debug(...)` statements from a bundle. The phone always gives
 * sip.js `logLevel: 'error'` and no log connector (src/telephony/ua-options.ts), so those calls
 * print nothing; their messages are ~3 KB of the embed bundle's gzip. Only calls whose arguments
 * are plain reads (literals, names, `a.b`, templates and `+` of those) go: a call that computes
 * something (`e.toString()`) stays, so no code with an effect is removed.
 */
export function stripSipLogs(): Plugin {
  return {
    name: 'cti:strip-sip-logs',
    transform: {
      filter: { id: /[\\/]node_modules[\\/]sip\.js[\\/]lib[\\/]/, code: /logger\.(warn|log|debug)\(/ },
      handler(code) {
        const cuts: ESTree.Span[] = [];
        new Visitor({
          ExpressionStatement(node) {
            if (isSilentLog(node.expression)) cuts.push(node);
          },
        }).visit(this.parse(code));
        if (cuts.length === 0) return undefined;
        // Blanked, not cut: every other character keeps its position, so source maps stay right.
        let out = code;
        for (const { start, end } of cuts)
          out = `${out.slice(0, start)};${out.slice(start + 1, end).replace(/[^\n]/g, ' ')}${out.slice(end)}`;
        return { code: out, map: null };
      },
    },
  };
}

const SILENT = new Set(['warn', 'log', 'debug']);

/** `logger.log(...)` or `this.x.logger.debug(...)` with arguments that only read. */
function isSilentLog(e: ESTree.Expression): boolean {
  if (e.type !== 'CallExpression' || e.callee.type !== 'MemberExpression' || e.callee.computed) return false;
  const { object, property } = e.callee;
  const logger =
    (object.type === 'Identifier' && object.name === 'logger') ||
    (object.type === 'MemberExpression' && !object.computed && object.property.name === 'logger');
  return (
    logger && SILENT.has(property.name) && e.arguments.every((a) => a.type !== 'SpreadElement' && reads(a))
  );
}

function reads(e: ESTree.Expression): boolean {
  switch (e.type) {
    case 'Literal':
    case 'Identifier':
    case 'ThisExpression':
      return true;
    case 'TemplateLiteral':
      return e.expressions.every(reads);
    case 'BinaryExpression':
      return e.operator === '+' && reads(e.left) && reads(e.right);
    case 'MemberExpression':
      return !e.computed && reads(e.object);
    default:
      return false;
  }
}
