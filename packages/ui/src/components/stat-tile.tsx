import type { ReactNode } from 'react';

export function StatTile({ label, value, detail }: { label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <div className="tile">
      <div className="stat-label">{label}</div>
      <div className="tile-value">{value}</div>
      {detail !== undefined && <div className="muted small">{detail}</div>}
    </div>
  );
}
