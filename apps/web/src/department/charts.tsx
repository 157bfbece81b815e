import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws, so the chunk carries bars and lines and nothing else.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
Chart.defaults.color = '#1c1f1d';
// Figures for a meeting, not a show: drawn at once (also what a screenshot or a print catches).
Chart.defaults.animation = false;

/** Distinct at a glance and readable on white; the first is the site's green. */
export const PALETTE = ['#1f6f43', '#d07a00', '#2f6db5', '#b3261e', '#7a4fa3', '#3a8f8f', '#8a6100', '#c2185b', '#5b635e', '#6d8f1f', '#0b4f6c', '#a0522d'];

/**
 * One Chart.js chart on a canvas, rebuilt when its configuration changes (callers memoise it).
 * The canvas is an image to assistive technology; every chart has its figures in a table beside it.
 */
export function ChartCanvas<T extends ChartType>({ config, label, height = 280 }: { config: ChartConfiguration<T>; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, config as ChartConfiguration);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="dept-chart" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

/** Axis ticks for large đồng amounts: 1.200.000 → "1,2 tr", in the reader's language. */
export function compactNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en' : 'vi-VN', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
