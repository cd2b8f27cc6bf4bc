// Sorting and filtering for data tables, without a server; the table reads fine without it.
for (const table of document.querySelectorAll<HTMLTableElement>('table.sortable')) {
  const body = table.tBodies[0];
  table.querySelectorAll<HTMLButtonElement>('thead th button').forEach((button) => {
    const th = button.closest('th')!;
    const column = Array.from(th.parentElement!.children).indexOf(th);
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('thead th[aria-sort]').forEach((h) => h.setAttribute('aria-sort', 'none'));
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const numeric = button.dataset.sort === 'number';
      const key = (row: HTMLTableRowElement) => {
        const cell = row.cells[column];
        return numeric ? Number(cell.dataset.value ?? cell.textContent) : (cell.textContent ?? '').trim().toLowerCase();
      };
      const rows = Array.from(body.rows).sort((a, b) => {
        const x = key(a);
        const y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      body.append(...rows);
    });
  });
}
for (const input of document.querySelectorAll<HTMLInputElement>('input[data-filter-table]')) {
  const table = document.getElementById(input.dataset.filterTable!) as HTMLTableElement | null;
  if (!table) continue;
  const preset = new URLSearchParams(location.search).get('paper');
  if (preset) input.value = preset;
  const apply = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const row of Array.from(table.tBodies[0].rows)) {
      const text = (row.textContent ?? '').toLowerCase() + ' ' + (row.querySelector('a[href*="/papers/"]')?.getAttribute('href') ?? '');
      row.hidden = !words.every((w) => text.includes(w));
    }
  };
  input.addEventListener('input', apply);
  apply();
}
