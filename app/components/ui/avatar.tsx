import * as AvatarPrimitive from '@radix-ui/react-avatar';
import { cn } from './cn';

/** Up to two initials of a name ("Ana María Ruiz" → "AR"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0]![0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]![0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}

/** A person's picture, or their initials; the name is the accessible text. */
export function Avatar({ name, src, className }: { name: string; src?: string; className?: string }) {
  return (
    <AvatarPrimitive.Root
      data-slot="avatar"
      className={cn('relative inline-flex size-8 shrink-0 overflow-hidden rounded-full', className)}
    >
      {src ? <AvatarPrimitive.Image src={src} alt={name} className="aspect-square size-full" /> : null}
      <AvatarPrimitive.Fallback
        className="flex size-full items-center justify-center bg-accent text-xs font-semibold text-accent-foreground"
        aria-label={name}
        role="img"
      >
        {initialsOf(name)}
      </AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  );
}
