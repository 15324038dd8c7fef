/** A self-contained page shown when the counter screen keeps crashing: what happened and what to do. */
export function crashPageUrl(reason: string): string {
  const safe = reason.replace(/[^a-z0-9-]/gi, '');
  const html = `<!doctype html><meta charset="utf-8"><title>金卡核验终端</title>
<body style="font:24px sans-serif;margin:10vh 10vw;color:#222">
<h1 style="color:#b00020">终端界面多次异常退出</h1>
<p>请重新启动本程序；如仍出现，请联系技术支持。已登记的使用记录不受影响。</p>
<p style="color:#666;font-size:18px">The counter screen crashed repeatedly (${safe}). Restart the app; call support if it happens again. Recorded uses are safe.</p>
</body>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
