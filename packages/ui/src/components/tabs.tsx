import { type KeyboardEvent, type ReactNode, useRef } from 'react';

interface TabsProps<T extends string> {
  tabs: readonly T[];
  selected: T;
  onSelect: (tab: T) => void;
  label: string;
  idPrefix: string;
  children: ReactNode;
}

/** WAI-ARIA tabs: ←/→ (and Home/End) move between tabs. */
export function Tabs<T extends string>({ tabs, selected, onSelect, label, idPrefix, children }: TabsProps<T>) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.indexOf(selected);
    let next: number | undefined;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = tabs.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    onSelect(tabs[next]!);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown} className="tab-list">
        {tabs.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`${idPrefix}-${tab}`}
            aria-selected={tab === selected}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={tab === selected ? 0 : -1}
            className="tab"
            onClick={() => onSelect(tab)}
          >
            {tab}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-${selected}`} className="tab-panel">
        {children}
      </div>
    </div>
  );
}
