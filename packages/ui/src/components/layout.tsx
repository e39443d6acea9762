import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { apiKeyStore, onUnauthorized } from '../api/client.ts';
import { ApiKeyDialog } from './api-key-dialog.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

const NAV = [
  { to: '/traces', label: 'Traces' },
  { to: '/sessions', label: 'Sessions' },
  { to: '/users', label: 'Users' },
  { to: '/dashboard', label: 'Dashboards' },
  { to: '/prompts', label: 'Prompts' },
];

export function Layout() {
  const queryClient = useQueryClient();
  const [askForKey, setAskForKey] = useState(false);
  const [hasKey, setHasKey] = useState(() => apiKeyStore.get() !== null);

  useEffect(() => onUnauthorized(() => setAskForKey(true)), []);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <NavLink to="/traces" className="brand" aria-label="Sightline home">
          <span aria-hidden="true" className="brand-mark" />
          Sightline
        </NavLink>
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="top-actions">
          <button type="button" className="button subtle" onClick={() => setAskForKey(true)}>
            {hasKey ? 'API key ✓' : 'API key'}
          </button>
          <ThemeToggle />
        </div>
      </header>
      <main id="main" className="content">
        <Outlet />
      </main>
      {askForKey && (
        <ApiKeyDialog
          onClose={() => setAskForKey(false)}
          onSaved={() => {
            setAskForKey(false);
            setHasKey(apiKeyStore.get() !== null);
            void queryClient.invalidateQueries();
          }}
        />
      )}
    </div>
  );
}
