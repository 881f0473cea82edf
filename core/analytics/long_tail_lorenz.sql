-- Lorenz curve (PRODUCT.md § Long tail). One row per customer with positive net revenue in the window,
-- smallest first, after a (0, 0) origin: the share of customers against the share of revenue they hold.
with
orders_in_window as (
    select customer, amount
    from
        window_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $as_of, $window_days,
            $scope_region, $scope_account_manager
        )
),

positive_revenue as (
    -- customers who net to 0 or less hold no share; they would bend the curve below zero
    select customer, sum(amount) as net_revenue
    from orders_in_window
    group by customer
    having sum(amount) > 0
),

cumulative as (
    select
        row_number() over (order by net_revenue asc, customer asc) as rank,
        customer,
        net_revenue,
        count(*) over () as customers_count,
        sum(net_revenue) over (order by net_revenue asc, customer asc rows unbounded preceding) as cum_revenue,
        sum(net_revenue) over () as total_revenue
    from positive_revenue
),

lorenz_points as (
    select
        rank,
        customer,
        rank / customers_count as customer_share,
        cum_revenue / total_revenue as revenue_share
    from cumulative
    union all
    select 0 as rank, null as customer, 0.0 as customer_share, 0.0 as revenue_share
    where exists (select 1 from positive_revenue)
)

select
    rank::bigint as rank,
    customer,
    customer_share::double as customer_share,
    revenue_share::double as revenue_share
from lorenz_points
order by rank
