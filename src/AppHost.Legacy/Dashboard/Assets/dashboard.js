// Elements with data-refresh-url get their content replaced from that URL every data-refresh-ms milliseconds.
for (const element of document.querySelectorAll("[data-refresh-url]")) {
  const every = Number(element.dataset.refreshMs || 2000);
  setInterval(async () => {
    const response = await fetch(element.dataset.refreshUrl, { credentials: "same-origin" });
    if (response.ok) element.innerHTML = await response.text();
  }, every);
}

// Elements with data-tail-url show a live console: every line the server sends is appended.
for (const element of document.querySelectorAll("[data-tail-url]")) {
  const source = new EventSource(element.dataset.tailUrl);
  source.onmessage = event => {
    const line = JSON.parse(event.data);
    const row = document.createElement("div");
    if (line.isError) row.className = "stderr";
    row.textContent = line.text;
    const atBottom = element.scrollTop + element.clientHeight >= element.scrollHeight - 4;
    element.appendChild(row);
    if (atBottom) element.scrollTop = element.scrollHeight;
  };
}

// Restart buttons post to their data-restart-url.
document.addEventListener("click", async event => {
  const button = event.target.closest("[data-restart-url]");
  if (!button) return;
  button.disabled = true;
  await fetch(button.dataset.restartUrl, { method: "POST", credentials: "same-origin", headers: { "X-Dashboard-Action": "restart" } });
  button.disabled = false;
});

// Selects marked data-autosubmit submit their form when changed (no inline handlers: the CSP forbids them).
document.addEventListener("change", event => {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});
