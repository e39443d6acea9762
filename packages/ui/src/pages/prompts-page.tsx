import { Link } from 'react-router';
import { usePrompts } from '../api/queries.ts';
import { QueryState } from '../components/query-state.tsx';
import { RangePicker } from '../components/range-picker.tsx';
import { formatCost, formatCount, formatRelative } from '../format.ts';
import { usePageRange } from './use-page-range.ts';

export function PromptsPage() {
  const [range, setRange] = usePageRange({ preset: '7d' });
  const prompts = usePrompts(range);
  return (
    <section aria-labelledby="prompts-title">
      <div className="page-header">
        <h1 id="prompts-title">Prompts</h1>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <QueryState error={prompts.error} loading={prompts.isPending}>
        {prompts.data && (
          <div className="table-scroll">
            <table className="data-table">
              <caption>Prompt names, busiest first: open one to compare its versions</caption>
              <thead>
                <tr>
                  <th scope="col">Prompt</th>
                  <th scope="col" className="numeric">
                    Versions
                  </th>
                  <th scope="col" className="numeric">
                    Calls
                  </th>
                  <th scope="col" className="numeric">
                    Cost
                  </th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {prompts.data.prompts.length === 0 && (
                  <tr>
                    <td colSpan={5} className="empty">
                      No prompt names in this time range. Set gen_ai.prompt.name and sightline.prompt.version on model
                      calls.
                    </td>
                  </tr>
                )}
                {prompts.data.prompts.map((prompt) => (
                  <tr key={prompt.name}>
                    <td>
                      <Link to={`/prompts/${encodeURIComponent(prompt.name)}`}>{prompt.name}</Link>
                    </td>
                    <td className="numeric">{prompt.versions}</td>
                    <td className="numeric">{formatCount(prompt.calls)}</td>
                    <td className="numeric">{formatCost(prompt.costUsd)}</td>
                    <td>{formatRelative(prompt.lastSeen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}
