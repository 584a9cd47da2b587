/**
 * Which text stands for a node, on node shapes the parsers produce (AutoSchemaKG Dulce rows).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBEDDING_TEXT_CONFIG, embeddingText } from './embedding-text';

describe('embeddingText', () => {
  it('uses name, type and concepts for entities (AutoSchemaKG list or Python-list string)', () => {
    expect(embeddingText({ id: 'Dulce', name: 'Dulce', type: 'entity', props: { concepts: ['town', 'location', 'place'] } })).toBe(
      'Dulce (entity): town, location, place',
    );
    expect(embeddingText({ id: 'x', name: 'Dulce', type: 'entity', props: { concepts: '["town", "place"]' } })).toBe('Dulce (entity): town, place');
    expect(embeddingText({ id: 'x', name: 'Dulce', type: 'entity', props: { concepts: '[]' } })).toBe('Dulce (entity)');
  });

  it('caps the number of concepts', () => {
    const concepts = Array.from({ length: 20 }, (_, i) => `c${i}`);
    const text = embeddingText({ id: 'x', name: 'n', type: 'event', props: { concepts } }, { maxConcepts: 3 });
    expect(text).toBe('n (event): c0, c1, c2');
  });

  it('embeds a passage by its text, from node.text or a text prop', () => {
    expect(embeddingText({ id: 'h1', type: 'passage', text: ' The Dulce base... ', props: {} })).toBe('The Dulce base...');
    expect(embeddingText({ id: 'h2', type: 'Text', props: { original_text: 'ignored', content: 'From content' } })).toBe('From content');
    expect(embeddingText({ id: 'h3', type: 'passage', props: {} })).toBe('h3');
  });

  it('falls back to the name, then the id', () => {
    expect(embeddingText({ id: 'id1', name: 'Alice', props: {} })).toBe('Alice');
    expect(embeddingText({ id: 'id1', props: {} })).toBe('id1');
    expect(embeddingText({ id: 'id1', name: 'city', type: 'City', props: {} })).toBe('city');
  });

  it('is configurable: no type, other concept prop, extra props', () => {
    const node = { id: 'm1', name: 'The Matrix', type: 'Movie', props: { genres: ['sci-fi'], released: 1999, tagline: 'Welcome to the Real World' } };
    expect(embeddingText(node, { includeType: false, conceptsProp: 'genres', extraProps: ['tagline'] })).toBe(
      'The Matrix: sci-fi; tagline: Welcome to the Real World',
    );
    expect(embeddingText(node, { omitTypes: ['Movie'], conceptsProp: null })).toBe('The Matrix');
    expect(DEFAULT_EMBEDDING_TEXT_CONFIG.conceptsProp).toBe('concepts');
  });
});
