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

  // Forms marked data-confirm ask first (before data-once marks them sent).
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  // A form marked data-once cannot be sent twice by a double click.
  document.querySelectorAll("form[data-once]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (event.defaultPrevented) return; // a data-confirm question was answered "no"
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

  // New-ticket form: articles that may answer the subject, shown as the customer types.
  document.querySelectorAll("input[data-suggest-url]").forEach((subject) => {
    const box = document.getElementById(subject.dataset.suggestBox);
    const formKey = subject.form && subject.form.querySelector("input[name=submission_key]");
    if (!box) return;
    let timer;
    let asked = "";
    let pending;
    const show = (articles) => {
      box.replaceChildren();
      box.hidden = articles.length === 0;
      if (!articles.length) return;
      const heading = document.createElement("p");
      heading.className = "kb-suggestions-heading";
      heading.textContent =
        subject.dataset.suggestHeading || "These articles may answer your question:";
      const list = document.createElement("ul");
      articles.forEach((article) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = article.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = article.title;
        const excerpt = document.createElement("span");
        excerpt.className = "muted";
        excerpt.textContent = ` ${article.excerpt}`;
        item.append(link, excerpt);
        list.append(item);
      });
      box.append(heading, list);
    };
    subject.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const query = subject.value.trim();
        if (query === asked) return;
        if (pending) pending.abort();
        pending = null;
        if (query.length < 3) {
          asked = "";
          show([]);
          return;
        }
        pending = new AbortController();
        const url = new URL(subject.dataset.suggestUrl, window.location.href);
        url.searchParams.set("q", query);
        if (formKey && formKey.value) url.searchParams.set("form", formKey.value);
        try {
          const response = await fetch(url, {
            signal: pending.signal,
            headers: { Accept: "application/json" },
            credentials: "same-origin",
          });
          if (response.ok) {
            show(await response.json());
            asked = query;
          }
        } catch (error) {
          // A newer keystroke aborted this request, or the network failed: keep the form.
        }
      }, 300);
    });
  });

  // "Insert link" buttons put an article's title and address into the reply box.
  document.querySelectorAll("button[data-insert-target]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const target = document.getElementById(button.dataset.insertTarget);
      if (!target) return;
      const text = button.dataset.insertText;
      const start = target.selectionStart ?? target.value.length;
      const end = target.selectionEnd ?? target.value.length;
      const before = target.value.slice(0, start);
      const spacer = before && !before.endsWith("\n") ? "\n" : "";
      target.value = `${before}${spacer}${text}\n${target.value.slice(end)}`;
      target.focus();
    });
  });

  // The reports page prints for a weekly review (the print stylesheet does the layout).
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });

  // The article editor shows the Markdown rendered as the customer will see it.
  document.querySelectorAll("form[data-preview-url]").forEach((form) => {
    const body = form.querySelector("textarea[name=body]");
    const output = document.getElementById("article-preview");
    if (!body || !output) return;
    let timer;
    const render = async () => {
      const data = new FormData();
      data.append("body", body.value);
      data.append("csrf_token", form.querySelector("input[name=csrf_token]").value);
      const response = await fetch(form.dataset.previewUrl, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      }).catch(() => null);
      if (response && response.ok) {
        // Sanitised on the server with the same allow-list as the saved article.
        output.innerHTML = (await response.json()).html;
      }
    };
    body.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(render, 400);
    });
  });
});
