// ink renders only the last frame at unmount when CI is set; tests need the interactive renderer.
delete process.env['CI'];
// Keep the AWS SDK's Node 20 deprecation notice out of test output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
// The AWS fakes listen on loopback: a proxy from the developer's environment must not carry calls away.
for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY']) {
  delete process.env[name];
  delete process.env[name.toLowerCase()];
}
