// The web view of the baskets: reads /api, follows /api/events/stream; no build step.
"use strict";
const api = "../api/";
let selected = null;
let refreshTimer = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => k === "class" ? node.className = v : node.setAttribute(k, v));
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

async function get(path) {
  const response = await fetch(api + path, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) {
    throw new Error((body.detail || response.statusText) + " (" + (body.instance || path) + ")");
  }
  return body;
}

function showProblem(error) {
  const banner = document.getElementById("problem");
  banner.hidden = !error;
  banner.textContent = error ? String(error.message || error) : "";
}

// "migrating" and "failed on [node1]" -> egg classes
function eggClass(state) {
  return "egg " + state.split(" ")[0];
}

function egg(resource, services) {
  const node = el("div", { class: eggClass(resource.state), "data-resource": resource.name, title: resource.state
      + (resource.reason ? ": " + resource.reason : "") }, resource.name);
  if (services.length) {
    node.append(el("span", { class: "services" }, services.map(s => s.name + (s.state === "running" ? "" : " (" + s.state + ")")).join(", ")));
  }
  return node;
}

function renderStatus(status) {
  document.getElementById("manager").textContent = status.manager === "alone" ? "" : status.manager;
  document.getElementById("maintenance").hidden = !status.maintenance;
  const vms = status.resources.filter(r => !r.vm);
  const servicesOf = name => status.resources.filter(r => r.vm === name);
  const baskets = document.getElementById("baskets");
  baskets.replaceChildren(...status.hosts.map(host => {
    // a blocked resource counts as active where its stop failed
    const eggs = vms.filter(r => r.host.split(",").includes(host.name) || r.blockedOn === host.name)
      .map(r => egg(r, servicesOf(r.name)));
    const basket = el("div", { class: "basket state-" + host.state + (host.name === selected ? " selected" : ""),
        "data-host": host.name },
      el("h3", {}, host.name, el("span", { class: "state" }, host.state)),
      el("div", { class: "load" }, "cpus " + host.cpus + ", MB " + host.memoryMb),
      host.reason ? el("div", { class: "reason" }, host.reason) : "",
      el("div", { class: "eggs" }, eggs));
    basket.addEventListener("click", () => { selected = host.name; showImpact(); refresh(); });
    return basket;
  }));
  const unplaced = vms.filter(r => !r.host && !r.blockedOn);
  document.getElementById("unplaced").replaceChildren(...(unplaced.length
    ? [el("h2", {}, "Not running"), ...unplaced.map(r => egg(r, servicesOf(r.name)))] : []));
}

function renderProgress(progress) {
  const node = document.getElementById("progress");
  const draining = Object.entries(progress.draining || {});
  if (!progress.steps.length && !draining.length) {
    node.replaceChildren("nothing");
    return;
  }
  const done = progress.steps.filter(s => s.phase === "succeeded").length;
  node.replaceChildren(
    progress.steps.length ? el("div", {}, el("progress", { max: progress.steps.length, value: done }),
      " " + done + " of " + progress.steps.length + " done") : "",
    el("table", {}, progress.steps.map(s => el("tr", { class: "phase-" + s.phase },
      el("td", {}, s.action), el("td", {}, s.phase), el("td", {}, s.time)))),
    draining.map(([host, left]) => el("div", {}, "draining " + host + ": " + left.join(", "))));
}

async function showImpact() {
  if (!selected) {
    return;
  }
  const fail = document.getElementById("impact-fail").checked;
  const impact = await get("hosts/" + encodeURIComponent(selected) + "/impact" + (fail ? "?fail=true" : ""));
  document.getElementById("impact-panel").hidden = false;
  document.getElementById("impact-title").textContent = (fail ? "If " + selected + " fails" : "If I reboot " + selected);
  const rows = impact.affected.concat(impact.knockOn);
  document.getElementById("impact").replaceChildren(rows.length
    ? el("table", {}, el("tr", {}, ["resource", "effect", "to", "why"].map(h => el("th", {}, h))),
        rows.map(r => el("tr", {}, el("td", {}, r.resource), el("td", {}, r.effect), el("td", {}, r.to), el("td", {}, r.why))))
    : "nothing runs on " + selected);
}

async function showTolerance() {
  const t = await get("tolerance");
  document.getElementById("tolerance").replaceChildren(
    el("div", { id: "absorbed" }, t.absorbed < 0 ? "Even with every host up, not all can be placed."
      : "Absorbs " + t.absorbed + " simultaneous host failure" + (t.absorbed === 1 ? "" : "s") + " of " + t.hosts.length + "."),
    t.breaking.length ? el("div", {}, "Losing " + t.breaking.join(" and ") + " leaves " + t.lost.join(", ") + " without a host.") : "",
    el("table", {}, el("tr", {}, ["host", "critical load", "resources"].map(h => el("th", {}, h))),
      t.loads.map(l => el("tr", {}, el("td", {}, l.host), el("td", {}, l.load), el("td", {}, l.resources.join(", "))))));
}

async function refresh() {
  try {
    const [status, progress] = await Promise.all([get("status"), get("progress")]);
    renderStatus(status);
    renderProgress(progress);
    showProblem(null);
  } catch (error) {
    showProblem(error);
  }
}

// The analyses plan from the manager's last cycle: asked again after each burst and every 15 s, so that they catch up.
function refreshAnalyses() {
  showTolerance().catch(showProblem);
  showImpact().catch(showProblem);
}

// Many events come in bursts: one refresh per burst.
function refreshSoon() {
  if (!refreshTimer) {
    refreshTimer = setTimeout(() => { refreshTimer = null; refresh(); refreshAnalyses(); }, 150);
  }
}

function showEvent(event, id) {
  const list = document.getElementById("events");
  list.prepend(el("li", { class: event.severity, "data-id": id }, event.time.substring(11, 19) + " " + event.message));
  while (list.children.length > 200) {
    list.lastChild.remove();
  }
}

// The last events first, then the stream from the last of them on (the browser resumes it with Last-Event-ID).
async function follow() {
  const recent = await get("events?count=20");
  recent.forEach(e => showEvent(e, e.sequence));
  const last = recent.length ? recent[recent.length - 1].sequence : -1;
  const stream = new EventSource(api + "events/stream" + (last >= 0 ? "?lastEventId=" + last : ""));
  const connection = document.getElementById("connection");
  stream.onopen = () => { connection.textContent = "live"; connection.className = "connection up"; refreshSoon(); };
  stream.onerror = () => { connection.textContent = "reconnecting"; connection.className = "connection down"; };
  stream.addEventListener("cluster", message => {
    showEvent(JSON.parse(message.data), message.lastEventId);
    refreshSoon();
  });
}

document.getElementById("impact-fail").addEventListener("change", () => showImpact().catch(showProblem));
refresh().then(() => showTolerance()).catch(showProblem);
follow().catch(showProblem);
setInterval(refresh, 5000);
setInterval(refreshAnalyses, 15000);
