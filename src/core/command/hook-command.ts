/**
 * A hook's command is a shell line run by /bin/sh. For the simple, common forms (`${CLAUDE_PLUGIN_ROOT}/hooks/x.sh`,
 * `python3 "$CLAUDE_PLUGIN_ROOT/x.py" --flag`, the same followed by `2>/dev/null || true`) this finds the program
 * and its arguments as the shell would; anything else (variables other than the plugin's, substitutions, globs,
 * pipes into the program, assignments) is left alone: a guess would be a false alarm.
 */

/** Commands the shell runs itself: never looked up on PATH. */
const BUILTINS = new Set(['echo', 'printf', 'true', 'false', 'exit', 'cd', 'test', '[', ':', '.', 'source', 'exec', 'eval', 'set', 'export', 'read', 'command', 'type', 'if', 'for', 'while', 'case', 'trap', 'wait', 'sleep']);

/**
 * The first simple command's words, with `$VAR`/`${VAR}` of the given variables substituted; null when the line is
 * not simple enough to judge.
 */
export function simpleCommandWords(line: string, vars: Record<string, string>): string[] | null {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  const end = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
      continue;
    }
    if (ch === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(line.slice(i));
      const name = m?.[1] ?? m?.[2];
      if (!m || name === undefined || vars[name] === undefined) return null;
      word += vars[name];
      inWord = true;
      i += m[0].length - 1;
      continue;
    }
    if (ch === '`') return null;
    if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && /["\\$`]/.test(line[i + 1] ?? '')) word += line[++i];
      else word += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
    } else if (ch === ' ' || ch === '\t') {
      end();
    } else if (ch === ';' || ch === '&' || ch === '|' || ch === '\n') {
      // The first simple command ends here; what follows (|| true, && …) does not change what it starts.
      // A pipe into it would: `cat x | prog` starts `cat` first, which is still the first command.
      break;
    } else if (ch === '<' || ch === '>') {
      // A redirection: drop the operator, a descriptor number before it and its target word.
      if (/^\d+$/.test(word)) {
        word = '';
        inWord = false;
      } else end();
      let j = i + 1;
      while (line[j] === '>' || line[j] === '&' || line[j] === '<') j++;
      while (line[j] === ' ' || line[j] === '\t') j++;
      while (j < line.length && !/[\s;&|<>]/.test(line[j] ?? '')) j++;
      i = j - 1;
    } else if ('(){}*?[]~'.includes(ch) && !inWord) {
      return null;
    } else if ('*?['.includes(ch)) {
      return null;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return null;
  end();
  if (words.length === 0) return null;
  // `VAR=value prog`: the assignment is not the program; keep it simple and skip such lines.
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] ?? '')) return null;
  if (BUILTINS.has(words[0] ?? '')) return null;
  return words;
}
