// App icons are inline SVG documents from the catalog. They are drawn as images (a data URI),
// never injected as markup, so an icon cannot run script in the page.

const uris = new Map<string, string>();

export function iconUri(svg: string): string {
  let uri = uris.get(svg);
  if (!uri) {
    // Icons draw with currentColor; on the colored circle they should be white.
    uri = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.replace(/currentColor/g, '#ffffff'))}`;
    uris.set(svg, uri);
  }
  return uri;
}

export function ModuleIcon({ icon, label }: { icon?: string; label: string }) {
  if (!icon) return <span className="module-initial">{label.slice(0, 1).toUpperCase()}</span>;
  return <img className="module-icon" src={iconUri(icon)} alt="" draggable={false} />;
}
