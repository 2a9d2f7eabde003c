# A fake inventory-core for making the legacy gateway.db: /health UP, operations:batch rejects SKUs starting OUT-
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer
class H(BaseHTTPRequestHandler):
    def _send(self, code, obj):
        b = json.dumps(obj).encode()
        self.send_response(code); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(b))); self.end_headers(); self.wfile.write(b)
    def do_GET(self):
        if self.path.startswith("/health"): self._send(200, {"status": "UP"})
        else: self._send(404, {"error": "NOT_FOUND", "message": self.path})
    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0)); body = json.loads(self.rfile.read(n) or b"{}")
        if self.path.startswith("/v1/operations:batch"):
            res = []
            for op in body.get("operations", []):
                if op.get("sku", "").startswith("OUT-"):
                    res.append({"opId": op["opId"], "status": "REJECTED", "code": "INSUFFICIENT_STOCK",
                                "message": "usable 0 < requested %s for %s/%s/%s" % (op.get("qty"), op.get("tenant"), op.get("warehouse"), op.get("sku"))})
                else:
                    res.append({"opId": op["opId"], "status": "APPLIED", "stock": {"onHand": 100, "usable": 90, "reserved": 10}})
            self._send(200, {"results": res})
        else: self._send(404, {"error": "NOT_FOUND", "message": self.path})
HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
