//! Related pages: for each article, the few others sharing the most topics, then the most
//! glossary terms, then in list (title) order; recomputed for only the lists an edit can reach.

use crate::article::Article;

/// How many related articles each article lists.
pub const RELATED_COUNT: usize = 4;

/// How a candidate scores as related to an article: shared topics, then shared glossary terms.
type Score = (u32, u32);

/// Finds related articles: most shared topics, then most shared glossary terms, then list order.
/// Candidates come from an index of topics (and, for an article whose topics no other page
/// shares, of terms), and shared terms are counted with bit sets, so the cost grows with the
/// size of a topic rather than with the square of the site.
struct Relater<'a> {
    articles: &'a [Article],
    /// Each article's glossary terms as bits, `words` u64s per article, in one allocation.
    term_bits: Vec<u64>,
    words: usize,
    by_topic: ahash::AHashMap<&'a str, Vec<usize>>,
    /// The term bits of each topic's members, in `by_topic`'s order: a large topic is then
    /// scanned in memory order, where looking each member up was mostly cache misses.
    topic_bits: ahash::AHashMap<&'a str, Vec<u64>>,
    /// Articles by glossary term; only made when some article has no topic mates (the only
    /// ones matched on terms alone).
    by_term: Vec<Vec<usize>>,
    /// Whether another article shares one of this article's topics.
    has_mates: Vec<bool>,
}

impl<'a> Relater<'a> {
    fn new(articles: &'a [Article], glossary_len: usize) -> Self {
        let words = glossary_len.div_ceil(64).max(1);
        let mut term_bits = vec![0u64; words * articles.len()];
        for (i, a) in articles.iter().enumerate() {
            for &t in a.terms_used.iter().filter(|&&t| t < glossary_len) {
                term_bits[i * words + t / 64] |= 1 << (t % 64);
            }
        }
        let mut by_topic: ahash::AHashMap<&str, Vec<usize>> = ahash::AHashMap::new();
        for (i, a) in articles.iter().enumerate() {
            for t in &a.topics {
                by_topic.entry(t.as_str()).or_default().push(i);
            }
        }
        let topic_bits = by_topic
            .iter()
            .map(|(&topic, members)| {
                let bits =
                    members.iter().flat_map(|&i| &term_bits[i * words..(i + 1) * words]).copied().collect();
                (topic, bits)
            })
            .collect();
        let has_mates: Vec<bool> = (0..articles.len())
            .map(|me| {
                articles[me]
                    .topics
                    .iter()
                    .any(|t| by_topic.get(t.as_str()).is_some_and(|l| l.iter().any(|&o| o != me)))
            })
            .collect();
        let mut by_term: Vec<Vec<usize>> = Vec::new();
        if has_mates.iter().any(|m| !m) {
            by_term = vec![Vec::new(); glossary_len];
            for (i, a) in articles.iter().enumerate() {
                for &t in &a.terms_used {
                    if let Some(list) = by_term.get_mut(t) {
                        list.push(i);
                    }
                }
            }
        }
        Relater { articles, term_bits, words, by_topic, topic_bits, by_term, has_mates }
    }

    fn shared_terms(&self, me: usize, other: usize) -> u32 {
        let bits = |i: usize| &self.term_bits[i * self.words..(i + 1) * self.words];
        bits(me).iter().zip(bits(other)).map(|(a, b)| (a & b).count_ones()).sum()
    }

    /// How `other` scores for `me`, or None when it is not a candidate at all.
    fn score(&self, me: usize, other: usize) -> Option<Score> {
        if me == other {
            return None;
        }
        let (mine, theirs) = (&self.articles[me].topics, &self.articles[other].topics);
        if self.has_mates[me] {
            let topics = mine.iter().map(|t| theirs.iter().filter(|u| *u == t).count() as u32).sum::<u32>();
            (topics > 0).then(|| (topics, self.shared_terms(me, other)))
        } else {
            let terms = self.shared_terms(me, other);
            (terms > 0).then_some((0, terms))
        }
    }

    /// Best first, in [`Rank`] order.
    fn better(&self, a: (usize, Score), b: (usize, Score)) -> std::cmp::Ordering {
        let rank = |(i, (topics, terms)): (usize, Score)| Rank::new(topics, terms, i);
        rank(b).cmp(&rank(a))
    }

    /// The related list of `me`; `scratch` is reused across calls.
    fn related(&self, me: usize, scratch: &mut Scratch) -> Vec<usize> {
        if self.has_mates[me] {
            self.related_by_topics(me, scratch)
        } else {
            self.related_by_terms(me, scratch)
        }
    }

    /// The related list of an article with topic mates. Each topic's members are in
    /// article order with their term bits beside them, so both passes read memory in order:
    /// the first counts each candidate's shared topics, the second offers each candidate once
    /// (where it first comes up) with that count.
    fn related_by_topics(&self, me: usize, scratch: &mut Scratch) -> Vec<usize> {
        let Scratch { counts, best, .. } = scratch;
        if counts.is_empty() {
            counts.resize(self.articles.len(), 0);
        }
        let words = self.words;
        let mine = &self.term_bits[me * words..(me + 1) * words];
        let runs: Vec<(&[usize], &[u64])> = self.articles[me]
            .topics
            .iter()
            .filter_map(|t| {
                Some((self.by_topic.get(t.as_str())?.as_slice(), self.topic_bits.get(t.as_str())?.as_slice()))
            })
            .collect();
        for &(ids, _) in &runs {
            for &other in ids {
                counts[other] += 1;
            }
        }
        counts[me] = 0;
        best.clear();
        let mut least_topics = 0;
        for &(ids, bits) in &runs {
            for (&other, bits) in ids.iter().zip(bits.chunks_exact(words)) {
                let topics = std::mem::take(&mut counts[other]);
                // Fewer shared topics than the last of a full list: its terms cannot help.
                if topics == 0 || (best.len() == RELATED_COUNT && topics < least_topics) {
                    continue;
                }
                let terms = mine.iter().zip(bits).map(|(a, b)| (a & b).count_ones()).sum::<u32>();
                let rank = Rank::new(topics, terms, other);
                if best.len() < RELATED_COUNT || best.last().is_some_and(|&(last, _)| rank > last) {
                    let at = best.partition_point(|&(b, _)| b > rank);
                    best.insert(at, (rank, other));
                    best.truncate(RELATED_COUNT);
                    least_topics = best.last().map_or(0, |&(last, _)| last.topics());
                }
            }
        }
        best.iter().map(|&(_, i)| i).collect()
    }

    /// The related list of an article no other shares a topic with: those sharing the most
    /// glossary terms.
    fn related_by_terms(&self, me: usize, scratch: &mut Scratch) -> Vec<usize> {
        let Scratch { seen, touched, best, .. } = scratch;
        if seen.is_empty() {
            seen.resize(self.articles.len(), false);
        }
        for &t in &self.articles[me].terms_used {
            for &other in self.by_term.get(t).map(Vec::as_slice).unwrap_or_default() {
                if other != me && !seen[other] {
                    touched.push(other);
                    seen[other] = true;
                }
            }
        }
        best.clear();
        for &other in touched.iter() {
            seen[other] = false;
            let terms = self.shared_terms(me, other);
            if terms == 0 {
                continue;
            }
            let rank = Rank::new(0, terms, other);
            if best.len() == RELATED_COUNT && best.last().is_some_and(|&(last, _)| rank <= last) {
                continue;
            }
            let at = best.partition_point(|&(b, _)| b > rank);
            best.insert(at, (rank, other));
            best.truncate(RELATED_COUNT);
        }
        touched.clear();
        best.iter().map(|&(_, i)| i).collect()
    }

    /// Related lists for `which`, in parallel, in that order.
    fn related_of(&self, which: &[usize]) -> Vec<Vec<usize>> {
        use rayon::prelude::*;
        // One scratch space per chunk, not per item: it holds a counter per article.
        which
            .par_chunks(1024)
            .flat_map_iter(|chunk| {
                let mut scratch = Scratch {
                    counts: Vec::new(),
                    seen: Vec::new(),
                    touched: Vec::new(),
                    best: Vec::with_capacity(RELATED_COUNT + 1),
                };
                chunk.iter().map(|&me| self.related(me, &mut scratch)).collect::<Vec<_>>()
            })
            .collect()
    }
}

/// Working space for [`Relater::related`], made on first use: for the topic search a
/// shared-topic count per article, for the term search a mark per article and the articles
/// marked (all zero or false between calls); the best candidates so far.
struct Scratch {
    counts: Vec<u32>,
    seen: Vec<bool>,
    touched: Vec<usize>,
    best: Vec<(Rank, usize)>,
}

/// How well a candidate ranks, higher first: shared topics, then shared terms, then the
/// earlier in list order (the articles are sorted by title, so this is title order without
/// comparing strings: on a large site most candidates tie on both counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank(u128);

impl Rank {
    fn new(topics: u32, terms: u32, index: usize) -> Self {
        let earlier = u64::MAX - index as u64;
        Rank((u128::from(topics) << 96) | (u128::from(terms) << 64) | u128::from(earlier))
    }

    fn topics(self) -> u32 {
        (self.0 >> 96) as u32
    }
}

/// Related articles for every article, best first (see `Relater` for the order).
pub fn all_related(articles: &[Article], glossary_len: usize) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..articles.len()).collect();
    Relater::new(articles, glossary_len).related_of(&all)
}

/// An article that was edited, as it was before: what related lists are computed from.
#[derive(Debug, Clone)]
pub struct EditedArticle {
    /// Its index in the (new) article list.
    pub index: usize,
    /// Its topics before the edit.
    pub old_topics: Vec<String>,
    /// Its glossary terms before the edit.
    pub old_terms: Vec<usize>,
}

/// Bring `related` (lists for `articles`, indexes already in the new order) up to date after
/// `edited` changed, recomputing only the lists an edit can reach: the edited articles', those
/// that list one of them, and those one of them now scores high enough to enter. Returns the
/// indexes whose list changed. Equals [`all_related`] on the new articles (tested).
pub fn update_related(
    articles: &[Article],
    glossary_len: usize,
    related: &mut [Vec<usize>],
    edited: &[EditedArticle],
) -> Vec<usize> {
    let relater = Relater::new(articles, glossary_len);
    let mut redo: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let topicless: Vec<usize> = (0..articles.len()).filter(|&i| !relater.has_mates[i]).collect();
    for e in edited {
        let x = e.index;
        let new = &articles[x];
        redo.insert(x);
        // A topic gained or lost changes who has topic mates: redo everyone in it.
        let gained_or_lost = e
            .old_topics
            .iter()
            .filter(|t| !new.topics.contains(t))
            .chain(new.topics.iter().filter(|t| !e.old_topics.contains(t)));
        for t in gained_or_lost {
            redo.extend(relater.by_topic.get(t.as_str()).into_iter().flatten().copied());
        }
        // Everyone that lists the edited article may rank it differently now.
        redo.extend((0..articles.len()).filter(|&y| related[y].contains(&x)));
        // Everyone it can be a candidate for: it enters their list if it now beats the last.
        let mut candidates: Vec<usize> = new
            .topics
            .iter()
            .flat_map(|t| relater.by_topic.get(t.as_str()).into_iter().flatten().copied())
            .collect();
        candidates.extend(topicless.iter().copied().filter(|&y| {
            let shares = |terms: &[usize]| terms.iter().any(|t| articles[y].terms_used.contains(t));
            shares(&new.terms_used) || shares(&e.old_terms)
        }));
        for y in candidates {
            if redo.contains(&y) {
                continue;
            }
            let Some(score) = relater.score(y, x) else { continue };
            let enters = related[y].len() < RELATED_COUNT
                || related[y].last().is_some_and(|&last| {
                    relater.score(y, last).is_none_or(|s| relater.better((x, score), (last, s)).is_lt())
                });
            if enters {
                redo.insert(y);
            }
        }
    }
    let which: Vec<usize> = redo.into_iter().collect();
    let lists = relater.related_of(&which);
    let mut changed = Vec::new();
    for (y, list) in which.into_iter().zip(lists) {
        if related[y] != list {
            related[y] = list;
            changed.push(y);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The related list as the rule says, by sorting every other article (no index, no
    /// running best), to hold the fast version to.
    fn by_sorting_everyone(articles: &[Article], me: usize) -> Vec<usize> {
        let a = &articles[me];
        let has_mates =
            (0..articles.len()).any(|o| o != me && articles[o].topics.iter().any(|t| a.topics.contains(t)));
        let mut scored: Vec<(usize, u32, u32)> = (0..articles.len())
            .filter(|&o| o != me)
            .map(|o| {
                let b = &articles[o];
                let topics =
                    a.topics.iter().map(|t| b.topics.iter().filter(|u| *u == t).count() as u32).sum();
                let terms = a.terms_used.iter().filter(|t| b.terms_used.contains(t)).count() as u32;
                (o, if has_mates { topics } else { 0 }, terms)
            })
            .filter(|&(_, topics, terms)| if has_mates { topics > 0 } else { terms > 0 })
            .collect();
        scored.sort_by(|x, y| y.1.cmp(&x.1).then(y.2.cmp(&x.2)).then(x.0.cmp(&y.0)));
        scored.into_iter().take(RELATED_COUNT).map(|(o, _, _)| o).collect()
    }

    #[test]
    fn lists_equal_sorting_every_candidate() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let topics = ["heart", "lungs", "blood", "genes"];
        for round in 0..40 {
            let mut articles: Vec<Article> = (0..(5 + next(60)))
                .map(|i| {
                    let mut own: Vec<String> =
                        (0..next(3)).map(|_| topics[next(topics.len())].to_string()).collect();
                    if next(5) == 0 {
                        own = vec![format!("alone-{i}")];
                    }
                    own.dedup();
                    let mut terms: Vec<usize> = (0..next(8)).map(|_| next(90)).collect();
                    terms.sort_unstable();
                    terms.dedup();
                    Article {
                        topics: own,
                        terms_used: terms,
                        ..Article::sample(&format!("Page {}", next(30)), &format!("p{i:02}"))
                    }
                })
                .collect();
            crate::article::sort_articles(&mut articles);
            let fast = all_related(&articles, 90);
            for (me, list) in fast.iter().enumerate() {
                assert_eq!(list, &by_sorting_everyone(&articles, me), "round {round}, article {me}");
            }
        }
    }

    #[test]
    fn more_shared_topics_beat_more_shared_terms() {
        let page = |slug: &str, topics: &[&str], terms: &[usize]| Article {
            topics: topics.iter().map(|t| t.to_string()).collect(),
            terms_used: terms.to_vec(),
            ..Article::sample(&format!("Page {slug}"), slug)
        };
        let articles = vec![
            page("a", &["heart", "lungs"], &[1, 2, 3]),
            page("b", &["heart"], &[1, 2, 3]),
            page("c", &["heart", "lungs"], &[]),
            page("d", &["skin"], &[1, 2, 3]),
        ];
        // c shares two topics, b one (and every term), d no topic: it is not listed.
        assert_eq!(all_related(&articles, 10)[0], [2, 1]);
    }
}
