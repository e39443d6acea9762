import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client.ts';
import { Layout } from './components/layout.tsx';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { PromptVersionsPage } from './pages/prompt-versions-page.tsx';
import { PromptsPage } from './pages/prompts-page.tsx';
import { SessionPage } from './pages/session-page.tsx';
import { SessionsPage } from './pages/sessions-page.tsx';
import { TraceDetailPage } from './pages/trace-detail-page.tsx';
import { TracesPage } from './pages/traces-page.tsx';
import { UserPage } from './pages/user-page.tsx';
import { UsersPage } from './pages/users-page.tsx';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // Client errors (bad filter, missing key, unknown trace) will not heal by retrying.
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      },
    },
  });
}

export const routes = [
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <TracesPage /> },
      { path: 'traces', element: <TracesPage /> },
      { path: 'traces/:traceId', element: <TraceDetailPage /> },
      { path: 'sessions', element: <SessionsPage /> },
      { path: 'sessions/:sessionId', element: <SessionPage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'users/:userId', element: <UserPage /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'prompts', element: <PromptsPage /> },
      { path: 'prompts/:promptName', element: <PromptVersionsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

const queryClient = createQueryClient();
const router = createBrowserRouter(routes);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
