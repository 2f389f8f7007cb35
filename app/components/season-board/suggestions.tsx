import type { ResourceFacts } from '../../../core/draft/conflicts';
import { describeSuggestion, type TimeWords } from '../../../core/draft/problem-words';
import type { ItemSuggestions, Suggestion } from '../../../core/draft/suggestions';

interface Props {
  found: ItemSuggestions | undefined;
  resources: Map<string, ResourceFacts>;
  /** How times are written: the board's formatter. */
  words: TimeWords;
  onApply(suggestion: Suggestion): void;
}

/**
 * The nearest repairs for the selected item's trouble, each one click: another room at the same
 * time, the same room at the nearest free time, or the other side moved.
 */
export function Suggestions({ found, resources, words: timeWords, onApply }: Props) {
  if (!found || found.troubles.length === 0) return null;
  return (
    <section className="suggestions" aria-label="Suggested fixes">
      <h3>Fix it</h3>
      {found.suggestions.length === 0 ? (
        <p className="muted">No free slot nearby: no room of the same kind is free, open and large enough then.</p>
      ) : (
        <ul>
          {found.suggestions.map((suggestion) => {
            const words = describeSuggestion(suggestion, resources, timeWords);
            return (
              <li key={words}>
                <button type="button" className="suggestion" onClick={() => onApply(suggestion)}>
                  <span aria-hidden="true">↪</span> {words[0].toUpperCase() + words.slice(1)}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
