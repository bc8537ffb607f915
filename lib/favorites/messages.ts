/** The favorites' words, in one place: setFavorite's only refusal is "not-found". */
export const favoriteMessages = {
  notFound: "Restaurant not found.",
};
