import type { FieldMetadata } from '@conform-to/react';
import { useMemo } from 'react';
import { Combobox } from '../ui/combobox';
import { Input } from '../ui/input';
import { Field } from './field';
import { useHydrated } from './use-hydrated';

/** Every IANA zone this runtime knows, with `current` kept even where the list leaves it out ("UTC"). */
export function timeZoneOptions(current: string) {
  const zones = Intl.supportedValuesOf('timeZone');
  const all = current && !zones.includes(current) ? [current, ...zones] : zones;
  return all.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' '), keywords: zone.split('/') }));
}

/**
 * A time zone chosen from a searchable list, never typed once the page's JavaScript has loaded;
 * before that, a plain text input that posts the same field (the server checks the zone either way).
 */
export function TimeZoneField({
  meta,
  label,
  hint,
  fallback,
}: {
  meta: FieldMetadata<string>;
  label: string;
  hint?: string;
  /** The zone shown when the form has none yet (the organization's). */
  fallback: string;
}) {
  const hydrated = useHydrated();
  const current = meta.initialValue ?? fallback;
  const options = useMemo(() => (hydrated ? timeZoneOptions(current) : []), [hydrated, current]);
  return (
    <Field meta={meta} label={label} hint={hint}>
      {(control) =>
        hydrated ? (
          <Combobox
            {...control}
            name={meta.name}
            defaultValue={current}
            options={options}
            placeholder="Choose a time zone…"
            searchPlaceholder="Search time zones…"
            emptyText="No time zone matches."
          />
        ) : (
          <Input {...control} name={meta.name} defaultValue={current} autoComplete="off" />
        )
      }
    </Field>
  );
}
