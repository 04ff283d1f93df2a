-- wrk script: POSTs one OIP v2 inference request body over and over.
-- BODY=<file> (request body), CTYPE=<content type>, HDRLEN=<Inference-Header-Content-Length> (binary only)
wrk.method = "POST"
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.body = f:read("*all")
f:close()
wrk.headers["Content-Type"] = os.getenv("CTYPE") or "application/json"
local hdr = os.getenv("HDRLEN")
if hdr ~= nil and hdr ~= "" then
  wrk.headers["Inference-Header-Content-Length"] = hdr
end
