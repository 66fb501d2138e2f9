// Two tiny inline-SVG charts (no library): bars for transactions per block, a line for the interval between
// blocks. Each is a <figure> with an accessible name that states the numbers it draws.
const svgNs = "http://www.w3.org/2000/svg";

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const child of children) node.append(child);
  return node;
}

function summary(values, unit) {
  if (values.length === 0) return "no data yet";
  const max = Math.max(...values);
  const min = Math.min(...values);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return `${values.length} values, min ${fmt(min)}${unit}, mean ${fmt(mean)}${unit}, max ${fmt(max)}${unit}`;
}

const fmt = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function frame(title, values, unit, draw) {
  const width = 300;
  const height = 80;
  const label = `${title}: ${summary(values, unit)}`;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none", role: "img", "aria-label": label, class: "chart-svg" },
    svg("title", {}, label));
  draw(chart, width, height);
  const figure = document.createElement("figure");
  figure.className = "chart";
  const caption = document.createElement("figcaption");
  caption.textContent = values.length ? `${title} · max ${fmt(Math.max(...values))}${unit}` : `${title} · no data yet`;
  figure.append(chart, caption);
  return figure;
}

/** Bars, oldest left. */
export function barChart(title, values, unit = "") {
  return frame(title, values, unit, (chart, width, height) => {
    const max = Math.max(1, ...values);
    const w = width / Math.max(values.length, 1);
    values.forEach((v, i) => {
      const h = (v / max) * (height - 2);
      chart.append(svg("rect", { x: i * w + w * 0.1, y: height - h, width: w * 0.8, height: Math.max(h, v > 0 ? 1 : 0), class: "bar" }));
    });
    chart.append(svg("line", { x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5, class: "axis" }));
  });
}

/** A line, oldest left. */
export function lineChart(title, values, unit = "") {
  return frame(title, values, unit, (chart, width, height) => {
    const max = Math.max(1e-9, ...values);
    const step = values.length > 1 ? width / (values.length - 1) : 0;
    const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 6)).toFixed(1)}`);
    if (points.length) chart.append(svg("polyline", { points: points.join(" "), class: "line", fill: "none" }));
    chart.append(svg("line", { x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5, class: "axis" }));
  });
}
