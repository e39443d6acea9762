import { useUsers } from '../api/queries.ts';
import { QueryState } from '../components/query-state.tsx';
import { RangePicker } from '../components/range-picker.tsx';
import { UsageTable } from '../components/usage-table.tsx';
import { usePageRange } from './use-page-range.ts';

export function UsersPage() {
  const [range, setRange] = usePageRange({ preset: '7d' });
  const users = useUsers(range);
  return (
    <section aria-labelledby="users-title">
      <div className="page-header">
        <h1 id="users-title">Users</h1>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <QueryState error={users.error} loading={users.isPending}>
        {users.data && <UsageTable rows={users.data.users} kind="users" caption="Users by cost" />}
      </QueryState>
    </section>
  );
}
