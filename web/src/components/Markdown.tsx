import ReactMarkdown from 'react-markdown';

/**
 * Markdown rendered safely: no raw HTML (skipped, never injected), no images (no tracking pixels), links open
 * outside with noopener; react-markdown drops javascript: and other unsafe URLs.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="md">
      <ReactMarkdown
        skipHtml
        disallowedElements={['img']}
        unwrapDisallowed
        components={{ a: ({ href, children }) => <a href={href} target="_blank" rel="noopener noreferrer nofollow">{children}</a> }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
