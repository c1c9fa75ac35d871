/**
 * Word wrapping done here rather than by the terminal, so the detail view knows how many lines it has
 * (and can scroll them) and a long path never spills into the next row. A word longer than the width is
 * broken; a line's indentation (a stack trace's) is kept on its continuation lines too.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    const indent = /^\s*/.exec(paragraph)?.[0] ?? '';
    const words = paragraph.slice(indent.length).split(/ +/).filter((x) => x.length > 0);
    const lead = indent.length * 2 <= w ? indent : '';
    let line = lead;
    let lineWidth = lead.length;
    const flush = () => {
      out.push(line.trimEnd());
      line = lead;
      lineWidth = lead.length;
    };
    if (words.length === 0) {
      out.push('');
      continue;
    }
    for (const word of words) {
      let chars = [...word];
      const gap = line.trim() ? 1 : 0;
      if (lineWidth + gap + chars.length <= w) {
        line += (gap ? ' ' : '') + word;
        lineWidth += gap + chars.length;
        continue;
      }
      if (line.trim()) flush();
      while (chars.length > w - lineWidth) {
        const room = w - lineWidth;
        line += chars.slice(0, room).join('');
        chars = chars.slice(room);
        flush();
      }
      line += chars.join('');
      lineWidth += chars.length;
    }
    if (line.trim()) flush();
  }
  return out;
}
