// Lyssna (listen): see README.md.
(d => {
  if (!self.speechSynthesis) return;
  d.documentElement.classList.add("listen-on");
  const core = Object.assign(d.createElement("script"), {src: d.currentScript.src.replace("listen.js", "listen-core.js")});
  d.addEventListener("click", event => {
    const button = event.target.closest(".listen button,.listen-word");
    if (button && !self.vagenListen) self.vagenListenFirst = button, core.isConnected || d.head.append(core);
  });
})(document);
