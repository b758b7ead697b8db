// Renders the API's OpenAPI document with the vendored Swagger UI (no request leaves the site).
(() => {
  const target = document.getElementById("api-docs");
  if (!target || typeof window.SwaggerUIBundle !== "function") return;
  window.SwaggerUIBundle({
    url: target.dataset.specUrl,
    domNode: target,
    deepLinking: true,
    tryItOutEnabled: false,
    validatorUrl: null, // never ask an online validator
  });
})();
