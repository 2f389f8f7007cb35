import { useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  /** What the shared draft holds now. */
  value: string;
  /** Writes a value to the draft; false when it is not acceptable yet (it stays in the field only). */
  onCommit(value: string): boolean | undefined;
};

/**
 * A field of the shared draft: each keystroke that makes a valid value is written at once (co-editors
 * see it live), while the field keeps what its own user types — a half-typed "" or "1e" is not
 * pushed to everyone, and a co-editor's change shows as soon as this user leaves the field.
 */
export function SyncedInput({ value, onCommit, onFocus, onBlur, ...rest }: Props) {
  const [typing, setTyping] = useState<string | null>(null);
  return (
    <input
      {...rest}
      value={typing ?? value}
      onFocus={(e) => {
        setTyping(value);
        onFocus?.(e);
      }}
      onChange={(e) => {
        setTyping(e.target.value);
        onCommit(e.target.value);
      }}
      onBlur={(e) => {
        setTyping(null);
        onBlur?.(e);
      }}
    />
  );
}
