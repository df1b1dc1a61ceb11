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
  const empty = (id) => {
    const el = document.getElementById(id);
    if (el) { const p = document.createElement("p"); p.className = "muted"; p.textContent = el.dataset.empty || "—"; el.replaceChildren(p); el.style.height = "auto"; el.removeAttribute("role"); }
  };
  function bars(id, labels, values, name) {
    if (!labels.length) return empty(id);
    const c = init(id); if (!c) return;
    c.setOption({ color: palette, tooltip: {}, grid: { left: 170, right: 30, top: 10, bottom: 30 }, xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: labels }, series: [{ type: "bar", name, data: values, barMaxWidth: 36, label: { show: true, position: "right" } }], aria: { enabled: true } });
  }
  function lines(id, days, series) {
    if (!days.length) return empty(id);
    const c = init(id); if (!c) return;
    c.setOption({ color: palette, tooltip: { trigger: "axis" }, legend: {}, grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: days }, yAxis: { type: "value", minInterval: 1 },
      // a few days read better as columns, a month as lines
      series: series.map(([name, data]) => (days.length < 4 ? { type: "bar", name, data, barMaxWidth: 40, label: { show: true, position: "top" } }
        : { type: "line", name, data, smooth: true, areaStyle: { opacity: 0.08 } })), aria: { enabled: true } });
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
    c.setOption({ color: palette, tooltip: {}, series: [{ type: "graph", layout: "circular", roam: true,
      label: { show: true, position: "bottom", fontSize: 13, color: "#1d2733" }, edgeLabel: { show: true, formatter: (p) => p.data.value },
      edgeSymbol: ["none", "arrow"], edgeSymbolSize: 12, symbolSize: 34,
      data: [...nodes].map((n, i) => ({ name: dept(n), itemStyle: { color: palette[i % palette.length] } })),
      links: Object.entries(links).map(([k, v]) => { const [s, t] = k.split(">"); return { source: dept(s), target: dept(t), value: v, lineStyle: { width: 1 + 6 * v / max, curveness: 0.2 } }; }) }],
      aria: { enabled: true } });
  }
  return { bars, lines, graph, dept };
})();
