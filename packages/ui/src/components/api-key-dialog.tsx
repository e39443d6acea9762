import { type FormEvent, useEffect, useRef, useState } from 'react';
import { apiKeyStore } from '../api/client.ts';

interface ApiKeyDialogProps {
  onClose: () => void;
  onSaved: () => void;
}

/** Asks for the collector's API key; it is kept in sessionStorage for this browser session. */
export function ApiKeyDialog({ onClose, onSaved }: ApiKeyDialogProps) {
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const key = value.trim();
    if (key === '') return;
    apiKeyStore.set(key);
    onSaved();
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="api-key-title">
        <h2 id="api-key-title">API key required</h2>
        <p>
          This collector has authentication on. Enter a key with <strong>read</strong> scope to see traces (a key with
          <strong> all</strong> scope can also add scores). It is kept only for this browser session.
        </p>
        <form onSubmit={submit}>
          <label htmlFor="api-key-input">API key</label>
          <input
            id="api-key-input"
            ref={input}
            type="password"
            autoComplete="off"
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
          <div className="dialog-actions">
            {apiKeyStore.get() !== null && (
              <button
                type="button"
                className="button subtle"
                onClick={() => {
                  apiKeyStore.clear();
                  onSaved();
                }}
              >
                Forget key
              </button>
            )}
            <button type="button" className="button subtle" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary">
              Use key
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
