import type { Reactions } from '../lib/types';

export const EMOJIS = ['👍', '❤️', '😂', '😮', '😢', '🎉'];

/** Reaction counts with toggles (mine pressed). */
export function ReactionBar({ reactions, onToggle }: { reactions: Reactions; onToggle: (emoji: string, on: boolean) => void }) {
  return (
    <div className="reactions" role="group" aria-label="Reactions">
      {EMOJIS.map((e) => {
        const n = reactions.counts?.[e] ?? 0;
        const mine = reactions.mine?.includes(e) ?? false;
        return (
          <button key={e} className={'reaction' + (mine ? ' mine' : '') + (n ? '' : ' zero')} aria-pressed={mine}
            aria-label={`${e} ${n}`} onClick={() => onToggle(e, !mine)}>
            {e}{n > 0 && <span>{n}</span>}
          </button>
        );
      })}
    </div>
  );
}
