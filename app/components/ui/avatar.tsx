import { cn } from './cn';

/** Up to two initials of a name ("Ana María Ruiz" → "AR"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0]![0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]![0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}

/** A person's initials on the accent colour; the name is the accessible text. */
export function Avatar({ name, className }: { name: string; className?: string }) {
  return (
    <span
      data-slot="avatar"
      role="img"
      aria-label={name}
      className={cn(
        'relative inline-flex size-8 shrink-0 items-center justify-center overflow-hidden rounded-full',
        'bg-accent text-xs font-semibold text-accent-foreground',
        className,
      )}
    >
      {initialsOf(name)}
    </span>
  );
}
