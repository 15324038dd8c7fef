/** One bar: a label and a count. */
export interface Bar {
  key: string;
  label: string;
  value: number;
}

const ROW = 30;
// Drawn at the summary panel's width, so text is not scaled down.
const LABEL_WIDTH = 160;
const WIDTH = 348;

/** A small horizontal bar chart in plain SVG (no chart library): labels left, counts at the bar ends. */
export function BarChart(props: { bars: Bar[]; title: string; tone?: 'accept' | 'reject' | 'neutral'; testId?: string }) {
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const height = Math.max(ROW, props.bars.length * ROW);
  const barSpace = WIDTH - LABEL_WIDTH - 50;
  return (
    <svg
      className={`bar-chart bar-chart-${props.tone ?? 'neutral'}`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={`${props.title}: ${props.bars.map((b) => `${b.label} ${b.value}`).join(', ')}`}
      data-testid={props.testId}
    >
      {props.bars.map((bar, i) => {
        const y = i * ROW;
        const w = Math.max(2, (bar.value / max) * barSpace);
        return (
          <g key={bar.key} transform={`translate(0 ${y})`}>
            <text className="bar-label" x={LABEL_WIDTH - 8} y={ROW / 2} dominantBaseline="middle" textAnchor="end">
              {bar.label.length > 10 ? `${bar.label.slice(0, 9)}…` : bar.label}
            </text>
            <rect className="bar-rect" x={LABEL_WIDTH} y={5} width={w} height={ROW - 10} rx={3} />
            <text className="bar-value" x={LABEL_WIDTH + w + 6} y={ROW / 2} dominantBaseline="middle">
              {bar.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
