// Prefixed, optionally coloured output lines for `npm run dev`.

const palette = [36, 35, 33, 32, 34, 96, 95, 93, 92, 94];

export function useColour(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}

function paint(code: number, text: string): string {
  return useColour() ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** A writer that prefixes every line with `[name]`, padded to `width`, in a colour per index. */
export function prefixer(name: string, index: number, width: number): (line: string) => void {
  const tag = paint(palette[index % palette.length] ?? 36, `[${name}]`.padEnd(width + 2));
  return (line) => {
    process.stdout.write(`${tag} ${line}\n`);
  };
}
