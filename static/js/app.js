// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".nav-toggle");
  const links = document.getElementById("nav-links");
  if (toggle && links) {
    toggle.addEventListener("click", () => {
      const open = links.classList.toggle("open");
      toggle.setAttribute("aria-expanded", String(open));
    });
  }

  // A form marked data-once cannot be sent twice by a double click.
  document.querySelectorAll("form[data-once]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (form.dataset.sent) {
        event.preventDefault();
        return;
      }
      form.dataset.sent = "1";
      form.querySelectorAll("button[type=submit]").forEach((button) => {
        button.setAttribute("aria-disabled", "true");
      });
    });
  });

  // Forms marked data-confirm ask first.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  // Choosing a canned reply puts its text into the reply box.
  document.querySelectorAll("select[data-canned-target]").forEach((select) => {
    select.addEventListener("change", () => {
      const target = document.getElementById(select.dataset.cannedTarget);
      if (!target || !select.value) return;
      target.value = target.value ? `${target.value}\n\n${select.value}` : select.value;
      target.focus();
      select.value = "";
    });
  });

  // "Select all" checkboxes in tables.
  document.querySelectorAll("input[data-select-all]").forEach((master) => {
    master.addEventListener("change", () => {
      document
        .querySelectorAll(`input[name="${master.dataset.selectAll}"]`)
        .forEach((box) => { box.checked = master.checked; });
    });
  });

  // Playbook steps save as soon as their box is ticked; the Save button stays for notes.
  document.querySelectorAll("form[data-tick]").forEach((form) => {
    const box = form.querySelector("input[type=checkbox]");
    if (!box) return;
    box.addEventListener("change", async () => {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const result = await response.json().catch(() => ({}));
      if (!response.ok) {
        box.checked = !box.checked;
        window.alert(result.error || "The step could not be saved; reload the page.");
        return;
      }
      const run = form.closest(".run");
      const progress = run && run.querySelector("[data-run-progress]");
      if (progress) {
        progress.textContent = `${result.done} of ${result.total} done${result.completed ? " · complete" : ""}`;
      }
    });
  });
});
