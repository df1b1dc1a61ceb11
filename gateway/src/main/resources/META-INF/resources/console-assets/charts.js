// Small helpers over Apache ECharts (served from the org.mvnpm:echarts jar) for the console's charts.
"use strict";
const GovdxCharts = (() => {
  let names = null;
  const dept = (code) => {
    if (names === null) { try { names = JSON.parse(document.getElementById("dept-names").textContent); } catch (e) { names = {}; } }
    return names[code] || code;
  };
  const palette = ["#0b5cad", "#a4161a", "#1b7f3b", "#b26a00", "#6b4fa1", "#00838f"];
  const init = (id) => { const el = document.getElementById(id); if (!el || !window.echarts) return null; const c = echarts.init(el); window.addEventListener("resize", () => c.resize()); return c; };
  const empty = (id) => { const el = document.getElementById(id); if (el) { el.innerHTML = "<p class=\"muted\">—</p>"; el.style.height = "auto"; } };
  function bars(id, labels, values, name) {
    if (!labels.length) return empty(id);
    const c = init(id); if (!c) return;
    c.setOption({ color: palette, tooltip: {}, grid: { left: 120, right: 20, top: 10, bottom: 30 }, xAxis: { type: "value" },
      yAxis: { type: "category", data: labels }, series: [{ type: "bar", name, data: values, label: { show: true, position: "right" } }], aria: { enabled: true } });
  }
  function lines(id, days, series) {
    if (!days.length) return empty(id);
    const c = init(id); if (!c) return;
    c.setOption({ color: palette, tooltip: { trigger: "axis" }, legend: {}, grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: days }, yAxis: { type: "value", minInterval: 1 },
      series: series.map(([name, data]) => ({ type: "line", name, data, smooth: true, areaStyle: { opacity: 0.08 } })), aria: { enabled: true } });
  }
  function graph(id, pairs) {
    const links = {}; const nodes = new Set();
    for (const p of pairs) {
      if (p.consumerDepartment === p.ownerDepartment) continue;
      const k = p.ownerDepartment + ">" + p.consumerDepartment;
      links[k] = (links[k] || 0) + p.allowed; nodes.add(p.ownerDepartment); nodes.add(p.consumerDepartment);
    }
    if (!nodes.size) return empty(id);
    const c = init(id); if (!c) return;
    const max = Math.max(1, ...Object.values(links));
    c.setOption({ color: palette, tooltip: {}, series: [{ type: "graph", layout: "circular", roam: true, label: { show: true },
      edgeSymbol: ["none", "arrow"], edgeSymbolSize: 10, symbolSize: 46,
      data: [...nodes].map((n) => ({ name: dept(n) })),
      links: Object.entries(links).map(([k, v]) => { const [s, t] = k.split(">"); return { source: dept(s), target: dept(t), value: v, lineStyle: { width: 1 + 6 * v / max, curveness: 0.2 } }; }) }],
      aria: { enabled: true } });
  }
  return { bars, lines, graph, dept };
})();
