// Draws the charts of the therapist's pages with Observable Plot (served from /app/vendor with the d3 it runs on).
// Each chart element names its kind (data-chart) and carries its data as JSON (data-chart-data), built on the server
// from the same answer as the table of numbers beside it; this file only draws. A new kind of chart is one more
// renderer below. Marks carry class names (mark-*) that the browser tests count.
"use strict";

(() => {
  const teal = "#1f6f66";
  const lightTeal = "#a8d5cb";
  const amber = "#f2c57c";
  const ink = "#1a1a1a";
  const skipRed = "#a4161a";
  const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

  // Ticks on a time axis a few days or months long: a handful, never crowded.
  const span = (from, to) => {
    const days = (to - from) / 86400000;
    return days > 150 ? "3 months" : days > 45 ? "month" : days > 14 ? "week" : 4;
  };

  const renderers = {
    // A calendar heatmap: one square per local day, coloured by how much of what was due was done.
    calendar(data, width) {
      const days = data.days;
      const weeks = [...new Set(days.map((d) => d.week))];
      const size = Math.max(34, Math.min(58, Math.floor((width - 56) / 7)));
      const fill = (d) => (d.expected === 0 ? "#f4f4f4" : d.credited >= d.expected ? teal : d.credited > 0 ? lightTeal : amber);
      const text = (d) => (d.expected > 0 && d.credited >= d.expected ? "#ffffff" : ink);
      return Plot.plot({
        width: size * 7 + 56,
        height: size * weeks.length + 28,
        marginLeft: 56,
        marginTop: 24,
        marginRight: 0,
        marginBottom: 4,
        x: { type: "band", domain: [1, 2, 3, 4, 5, 6, 7], tickFormat: (d) => weekdays[d - 1], axis: "top", label: null, tickSize: 0, padding: 0 },
        y: { type: "band", domain: weeks, label: null, tickSize: 0, padding: 0 },
        marks: [
          Plot.cell(days, { x: "weekday", y: "week", fill, inset: 2, rx: 3, stroke: (d) => (d.today ? ink : "none"), strokeDasharray: "3,2", className: "mark-day" }),
          Plot.text(days, { x: "weekday", y: "week", text: (d) => String(d.day), fill: text, dy: -size / 4, fontSize: 9, className: "mark-date" }),
          Plot.text(days, {
            x: "weekday",
            y: "week",
            text: (d) => (d.expected > 0 ? `${d.credited}/${d.expected}` : d.completions > 0 ? `+${d.completions}` : "–"),
            fill: text,
            dy: size / 8,
            fontSize: 11,
            fontWeight: "bold",
            className: "mark-count",
          }),
          Plot.dot(days.filter((d) => d.skips.length > 0), {
            x: "weekday",
            y: "week",
            symbol: "times",
            r: 3.5,
            stroke: skipRed,
            strokeWidth: 2,
            dx: size / 2 - 9,
            dy: -size / 2 + 9,
            className: "mark-skip",
          }),
        ],
      });
    },

    // Distress before and after each practice: an arrow from before (open) to after (filled).
    distress(data, width) {
      const points = data.points.map((p) => ({ ...p, at: new Date(`${p.at}:00Z`) }));
      const both = points.filter((p) => p.before !== null && p.after !== null && p.before !== p.after);
      const from = new Date(`${data.from}T00:00:00Z`);
      const to = new Date(Date.parse(`${data.to}T00:00:00Z`) + 24 * 3600 * 1000);
      return Plot.plot({
        width,
        height: 190,
        marginLeft: 34,
        marginRight: 12,
        marginBottom: 28,
        x: { type: "utc", domain: [from, to], label: null, ticks: Math.max(2, Math.min(Math.round((to - from) / 86400000), Math.floor(width / 70))), tickFormat: "%-d %b" },
        y: { domain: [0, 10], label: "Distress", grid: true, ticks: 5 },
        marks: [
          Plot.arrow(both, { x1: "at", x2: "at", y1: "before", y2: "after", stroke: "#6b6b6b", strokeWidth: 1.25, headLength: 7, insetStart: 4.5, insetEnd: 4.5, className: "mark-change" }),
          Plot.dot(points.filter((p) => p.before !== null), { x: "at", y: "before", r: 3.5, stroke: "#b5541c", strokeWidth: 1.5, fill: "#ffffff", className: "mark-before" }),
          Plot.dot(points.filter((p) => p.after !== null), { x: "at", y: "after", r: 3.5, fill: teal, className: "mark-after" }),
        ],
      });
    },

    // Due (light bar) and done (dark bar) per practice.
    progress(data, width) {
      const rows = data.rows;
      const labels = new Map(rows.map((r) => [r.id, r.label]));
      const most = Math.max(1, ...rows.map((r) => Math.max(r.expected, r.credited)));
      return Plot.plot({
        width,
        height: rows.length * 26 + 32,
        marginLeft: 170,
        marginRight: 44,
        marginBottom: 28,
        x: { domain: [0, most], label: "Times due and done", grid: true, ticks: Math.min(most, 6) },
        y: { domain: rows.map((r) => r.id), tickFormat: (id) => labels.get(id), label: null, tickSize: 0 },
        marks: [
          Plot.barX(rows, { y: "id", x: "expected", fill: "#dbe7e4", className: "mark-expected" }),
          Plot.barX(rows, { y: "id", x: "credited", fill: teal, insetTop: 5, insetBottom: 5, className: "mark-credited" }),
          Plot.text(rows, { y: "id", x: (r) => Math.max(r.expected, r.credited), text: (r) => `${r.credited}/${r.expected}`, dx: 4, textAnchor: "start", fill: ink, className: "mark-label" }),
        ],
      });
    },

    // What helped: the mean change in distress per exercise, leftwards (relief) or rightwards (worse), with its uses.
    relief(data, width) {
      const rows = data.rows;
      const rated = rows.filter((r) => r.change !== null);
      const labels = new Map(rows.map((r) => [r.id, r.label]));
      const reach = Math.max(1, ...rated.map((r) => Math.abs(r.change)));
      return Plot.plot({
        width,
        height: rows.length * 26 + 36,
        marginLeft: 170,
        marginRight: 70,
        marginBottom: 30,
        x: { domain: [-reach, reach], label: "Mean change in distress (0–10 scale)", grid: true, ticks: 5 },
        y: { domain: rows.map((r) => r.id), tickFormat: (id) => labels.get(id), label: null, tickSize: 0 },
        marks: [
          Plot.ruleX([0], { stroke: "#6b6b6b" }),
          Plot.barX(rated, { y: "id", x: "change", fill: (r) => (r.change <= 0 ? teal : "#b5541c"), insetTop: 4, insetBottom: 4, className: "mark-relief" }),
          Plot.text(rows, {
            y: "id",
            x: (r) => (r.change !== null && r.change > 0 ? r.change : 0),
            text: (r) => `${r.uses} ${r.uses === 1 ? "use" : "uses"}${r.change === null ? ", not rated" : ""}`,
            dx: 6,
            textAnchor: "start",
            fill: ink,
            className: "mark-uses",
          }),
        ],
      });
    },

    // One outcome measure over time, on its own scale, over its published bands.
    outcome(data, width) {
      const points = data.points.map((p) => ({ ...p, at: new Date(`${p.at}:00Z`) }));
      const times = points.map((p) => p.at.getTime());
      const day = 24 * 3600 * 1000;
      const from = new Date(Math.min(...times) - 2 * day);
      const to = new Date(Math.max(...times) + 2 * day);
      const shades = ["#f7f7f7", "#eeeeee", "#e4e4e4", "#dadada", "#d0d0d0"];
      return Plot.plot({
        width,
        height: 170,
        marginLeft: 40,
        marginRight: 120,
        marginBottom: 28,
        x: { type: "utc", domain: [from, to], label: null, ticks: span(from, to), tickFormat: "%-d %b" },
        y: { domain: [data.min, data.max], label: "Score", ticks: 5 },
        marks: [
          Plot.rectY(data.bands, { x1: from, x2: to, y1: "from", y2: "to", fill: (b) => shades[b.index % shades.length], className: "mark-band" }),
          Plot.text(data.bands, { x: to, y: (b) => (b.from + b.to) / 2, text: "label", textAnchor: "start", dx: 6, fontSize: 9, fill: "#555555", className: "mark-band-label" }),
          Plot.line(points, { x: "at", y: "score", stroke: teal, strokeWidth: 1.5, className: "mark-line" }),
          Plot.dot(points, { x: "at", y: "score", r: 3.5, fill: teal, className: "mark-score" }),
        ],
      });
    },
  };

  function draw(element) {
    const render = renderers[element.dataset.chart];
    if (!render || typeof Plot === "undefined") return;
    const data = JSON.parse(element.dataset.chartData);
    const width = Math.max(280, Math.floor(element.getBoundingClientRect().width));
    const svg = render(data, width);
    // Plot adds a <style> element of its own, which the Content-Security-Policy would refuse; app.css carries those
    // rules instead, so it is removed before the chart enters the page.
    for (const style of svg.querySelectorAll("style")) style.remove();
    svg.classList.add("plot");
    svg.setAttribute("aria-hidden", "true");
    element.replaceChildren(svg);
    element.dataset.rendered = "true";
  }

  function drawAll() {
    for (const element of document.querySelectorAll("[data-chart]")) draw(element);
  }

  document.addEventListener("DOMContentLoaded", () => {
    drawAll();
    document.documentElement.dataset.chartsRendered = "true";
    let pending;
    window.addEventListener("resize", () => {
      clearTimeout(pending);
      pending = setTimeout(drawAll, 150);
    });
  });
})();
