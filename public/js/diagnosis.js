// Diagnosis map: hovering or focusing a district shows its figures beside the map, read from the
// district's row in the data table (which is there without JavaScript too).
const panel = document.getElementById('diagnosis-map-figures');
const table = document.getElementById('district-table');
if (panel && table) {
  const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  const show = (code) => {
    const row = document.getElementById(`district-${code}`);
    if (!row) return;
    const cells = [...row.children];
    const name = cells[0]?.textContent.trim() ?? '';
    const parts = cells.slice(1).map((cell, i) => `${headers[i + 1]}: ${cell.textContent.trim()}`);
    panel.textContent = `${name} · ${parts.join(' · ')}`;
    panel.hidden = false;
    for (const marked of table.querySelectorAll('tr.is-highlighted')) marked.classList.remove('is-highlighted');
    row.classList.add('is-highlighted');
  };
  for (const area of document.querySelectorAll('#diagnosis-map .map__area')) {
    const code = area.getAttribute('data-code');
    area.addEventListener('mouseenter', () => show(code));
    area.addEventListener('focus', () => show(code));
  }
}
