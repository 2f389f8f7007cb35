import { Command } from 'cmdk';
import { Check, ChevronsUpDown } from 'lucide-react';
import { useId, useState } from 'react';
import { useHydrated } from '../forms/use-hydrated';
import { cn } from './cn';
import { controlClass } from './input';
import { Popover, PopoverContent, PopoverTrigger } from './popover';

export interface ComboboxOption {
  value: string;
  label: string;
  /** Extra words the search matches (a time zone's city, an abbreviation). */
  keywords?: string[];
}

/**
 * A searchable choice from a long list (time zones, people, resources): type to filter, arrows to
 * move, Enter to choose. With `name` it posts the value in a hidden input; until the page's
 * JavaScript has loaded the trigger is disabled and the hidden input keeps `defaultValue`.
 */
export function Combobox({
  options,
  name,
  id,
  value: controlledValue,
  defaultValue = '',
  onValueChange,
  placeholder = 'Choose…',
  searchPlaceholder = 'Search…',
  emptyText = 'Nothing matches.',
  className,
  'aria-invalid': ariaInvalid,
  'aria-describedby': ariaDescribedBy,
}: {
  options: ComboboxOption[];
  name?: string;
  id?: string;
  value?: string;
  defaultValue?: string;
  onValueChange?: (value: string) => void;
  placeholder?: string;
  searchPlaceholder?: string;
  emptyText?: string;
  className?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const [uncontrolled, setUncontrolled] = useState(defaultValue);
  const value = controlledValue ?? uncontrolled;
  const listId = useId();
  const selected = options.find((option) => option.value === value);
  const choose = (next: string) => {
    setUncontrolled(next);
    onValueChange?.(next);
    setOpen(false);
  };
  return (
    <Popover open={open} onOpenChange={setOpen}>
      {name ? <input type="hidden" name={name} value={value} /> : null}
      <PopoverTrigger asChild>
        <button
          type="button"
          id={id}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-invalid={ariaInvalid || undefined}
          aria-describedby={ariaDescribedBy}
          disabled={!hydrated}
          data-slot="combobox-trigger"
          className={cn(
            controlClass,
            'flex h-10 cursor-pointer items-center justify-between gap-2 text-left',
            className,
          )}
        >
          <span className={cn('truncate', !selected && 'text-muted')}>{selected?.label ?? placeholder}</span>
          <ChevronsUpDown className="size-4 shrink-0 text-muted" aria-hidden />
        </button>
      </PopoverTrigger>
      <PopoverContent className="w-[var(--radix-popover-trigger-width)] min-w-64 p-0">
        <Command id={listId} className="flex flex-col" loop>
          <Command.Input
            placeholder={searchPlaceholder}
            aria-label={searchPlaceholder}
            className="h-10 w-full border-b border-line bg-transparent px-3 text-base outline-none sm:text-sm"
          />
          <Command.List className="max-h-64 overflow-y-auto p-1">
            <Command.Empty className="px-2 py-3 text-sm text-muted">{emptyText}</Command.Empty>
            {options.map((option) => (
              <Command.Item
                key={option.value}
                value={option.value}
                keywords={[option.label, ...(option.keywords ?? [])]}
                onSelect={() => choose(option.value)}
                className="flex cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-sm data-[selected=true]:bg-subtle"
              >
                <Check className={cn('size-4', option.value === value ? 'opacity-100' : 'opacity-0')} aria-hidden />
                {option.label}
              </Command.Item>
            ))}
          </Command.List>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
