/** One bar of a chart: its label and value. */
export interface Bar {
  label: string;
  value: number;
}

/**
 * Horizontal bars in plain SVG (no chart library): a label, a bar scaled to the largest value,
 * the value as text; the SVG is one image for a screen reader, the table beside it has the figures.
 */
export function BarChart(props: { bars: readonly Bar[]; title: string }) {
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const row = 36;
  const labelWidth = 200;
  const width = 640;
  const barSpace = width - labelWidth - 70;
  const height = props.bars.length * row + 8;
  return (
    <svg className="bar-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title} preserveAspectRatio="xMinYMin meet">
      {props.bars.map((b, i) => {
        const y = i * row + 4;
        const w = Math.round((b.value / max) * barSpace);
        return (
          <g key={b.label}>
            <text x={labelWidth - 10} y={y + row / 2} textAnchor="end" dominantBaseline="middle" className="bar-label">
              {b.label}
            </text>
            <rect x={labelWidth} y={y + 6} width={Math.max(w, b.value > 0 ? 3 : 0)} height={row - 12} className="bar" rx={3} />
            <text x={labelWidth + w + 8} y={y + row / 2} dominantBaseline="middle" className="bar-value">
              {b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
