// Stand-in for sparkxml, which open311@0.0.12 loads for its XML mode only: the real package
// is a git dependency (sparkxml) or needs a native build (xml2json). Using it fails loudly.
module.exports = new Proxy({}, {
  get() {
    throw new Error("sparkxml is not installed: the XML format is not tested with this client");
  },
});
