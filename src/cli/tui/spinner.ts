/** The spinner shown while a server is checked, as a function of the clock (every spinner turns in step). */
export const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function spinnerFrame(now: number): string {
  return spinnerFrames[Math.floor(now / 80) % spinnerFrames.length] ?? '⠋';
}
