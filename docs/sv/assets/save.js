// Save on this phone: save-app.js loads on the press, or when a saved copy already answers this page.
{
  const button = document.querySelector(".save-phone"), workers = navigator.serviceWorker;
  const app = new URL("save-app.js", document.currentScript.src);
  const start = (pressed) => import(app).then((m) => m.start(button, pressed));
  if (button && !workers) button.remove();
  else if (button) {
    button.onclick = () => start(true);
    if (workers.controller) start(false);
  }
}
