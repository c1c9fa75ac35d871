/** Untrusted text made safe for a terminal, and credentials hidden by value: table-driven. */
import { describe, expect, it } from 'vitest';
import { Redactor } from '../src/core/util/redactor.js';
import { safeBlock, safeLine, stripEscapes } from '../src/core/util/safe-text.js';

describe('safeLine', () => {
  it.each([
    ['plain text', 'plain text'],
    // Nothing printable is dropped: without its ESC a sequence is plain text, and a path keeps every character.
    ['title \u001b]0;pwned title\u0007after', 'title \\e]0;pwned title\\x07after'],
    ['clip \u001b]52;c;cHduZWQ=\u001b\\done', 'clip \\e]52;c;cHduZWQ=\\e\\done'],
    ['dir\u001b]52;c;x\u0007x/server.sh', 'dir\\e]52;c;x\\x07x/server.sh'],
    ['\u001b[31mred\u001b[0m', '\\e[31mred\\e[0m'],
    ['clear\u001b[2J\u001bc', 'clear\\e[2J\\ec'],
    ['over\rwrite', 'over\\rwrite'],
    ['bell\u0007', 'bell\\x07'],
    ['lone \u001b escape', 'lone \\e escape'],
    ['unfinished \u001b]0;title', 'unfinished \\e]0;title'],
    ['c1 csi \u009b2J', 'c1 csi \\x9b2J'],
    ['bidi \u202eevil', 'bidi \\u202eevil'],
    ['two\nlines', 'two\\nlines'],
  ])('%j → %j', (input, expected) => {
    expect(safeLine(input)).toBe(expected);
  });
  it('strips a program’s colours only where its output is read, not shown', () => {
    expect(stripEscapes('\u001b[31mERROR\u001b[0m: x')).toBe('ERROR: x');
  });
  it('keeps line breaks in a block', () => {
    expect(safeBlock('a\u001b[1m\r\nb\u0007')).toBe('a\\e[1m\nb\\x07');
  });
});

describe('Redactor', () => {
  const r = new Redactor();
  r.addSetting('DB_PASSWORD', 'correcthorse');
  r.addSetting('LOG_LEVEL', 'debug');
  r.addSetting('OPAQUE_THING', 'a8f3k2m9q7x1');
  r.addArgv(['node', 'server.js', '--token', 'abc123secretvalue', 'API_KEY=zz99yy88xx', '--api-key=kk11jj22hh']);
  it.each([
    ['DB_PASSWORD=correcthorse', 'DB_PASSWORD=«redacted DB_PASSWORD, 12 characters»'],
    ['level debug', 'level debug'],
    ['id a8f3k2m9q7x1', 'id «redacted OPAQUE_THING, 12 characters»'],
    ['usage: --token abc123secretvalue', 'usage: --token «redacted token, 17 characters»'],
    ['API_KEY=zz99yy88xx', 'API_KEY=«redacted API_KEY, 10 characters»'],
    ['with kk11jj22hh', 'with «redacted api-key, 10 characters»'],
    ['MY_SECRET=notknownbefore1', 'MY_SECRET=«redacted»'],
    ['{"password": "p4ss"}', '{"password": "«redacted»"}'],
    ['author=Jane', 'author=Jane'],
  ])('%j → %j', (input, expected) => {
    expect(r.text(input)).toBe(expected);
  });
  it('shows plain env values and the shape of the rest', () => {
    expect(r.shape('LOG_LEVEL', 'debug')).toBe('debug');
    expect(r.shape('PYTHONPATH', '/opt/lib')).toBe('/opt/lib');
    expect(r.shape('DB_PASSWORD', 'correcthorse')).toBe('«set, 12 characters»');
    expect(r.shape('DB_PASS', 'correcthorse')).toBe('«set, 12 characters»');
  });
  it('says when a value is empty or a variable was not set, instead of a shape that suggests a secret', () => {
    expect(r.shape('API_TOKEN', '')).toBe('«empty»');
    expect(r.shape('API_TOKEN', '${API_TOKEN}')).toBe('${API_TOKEN} «not set: passed as written»');
    expect(r.shape('API_TOKEN', 'Bearer ${API_TOKEN}')).toBe('«set, 19 characters»');
  });
});
