// ink renders only the last frame at unmount when CI is set; tests need the interactive renderer.
delete process.env['CI'];
// Keep the AWS SDK's Node 20 deprecation notice out of test output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
